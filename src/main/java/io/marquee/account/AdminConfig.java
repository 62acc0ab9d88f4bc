package io.marquee.account;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The administrator created at start when absent. */
@ConfigMapping(prefix = "marquee.admin")
public interface AdminConfig {

    /** Email of the admin account ({@code MARQUEE_ADMIN_EMAIL}); none is created when unset. */
    Optional<String> email();

    /** Its password ({@code MARQUEE_ADMIN_PASSWORD}), 8 to 128 characters. */
    Optional<String> password();
}
