package io.marquee.account.throttle;

import io.marquee.account.AuthConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/** Builds the {@link ClientAddress} resolver from the configured trusted proxies. */
public class ClientAddressProducer {

    @Produces
    @Singleton
    ClientAddress clientAddress(AuthConfig config) {
        return new ClientAddress(config.trustedProxies().orElse(List.of()));
    }
}
