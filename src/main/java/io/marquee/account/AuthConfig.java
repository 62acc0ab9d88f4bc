package io.marquee.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Sign-in policy: password hashing cost, failure throttling and trusted proxies. */
@ConfigMapping(prefix = "marquee.auth")
public interface AuthConfig {

    /** Argon2id parameters for new password and PIN hashes (OWASP minimum: 19 MiB, 2 iterations, 1 lane). */
    PasswordHash passwordHash();

    /** Failed logins allowed per client address and email within {@link #failureWindow()} before 429. */
    @WithDefault("5")
    int maxFailuresPerAddressAndEmail();

    /** Failed logins allowed per client address (any email) within {@link #failureWindow()} before 429. */
    @WithDefault("100")
    int maxFailuresPerAddress();

    /** Wrong PINs allowed per profile within {@link #failureWindow()} before 429. */
    @WithDefault("5")
    int maxPinFailures();

    /** The window over which failures are counted; a blocked client waits until it ends. */
    @WithDefault("15m")
    Duration failureWindow();

    /** Addresses or CIDR blocks of proxies whose X-Forwarded-For is believed (e.g. the load balancer's subnets). */
    Optional<List<String>> trustedProxies();

    interface PasswordHash {
        /** Memory in KiB. */
        @WithDefault("19456")
        int memoryKib();

        /** Passes over memory. */
        @WithDefault("2")
        int iterations();

        /** Lanes. */
        @WithDefault("1")
        int parallelism();
    }
}
