package io.marquee.support;

import io.marquee.localservices.LocalServices;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Points the packaged application of a {@code @QuarkusIntegrationTest} at embedded PostgreSQL and S3 (started in the
 * test JVM), with an admin account to log in as. The packaged app runs in the prod profile, so every value is given
 * under its {@code %prod.} name as well.
 */
public class LocalServicesResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_EMAIL = "it-admin@marquee.local";
    public static final String ADMIN_PASSWORD = "it-admin-password";

    private static volatile Map<String, String> config;

    @Override
    public Map<String, String> start() {
        Map<String, String> services = new HashMap<>(LocalServices.sharedConfig("test"));
        services.put("marquee.admin.email", ADMIN_EMAIL);
        services.put("marquee.admin.password", ADMIN_PASSWORD);
        Map<String, String> all = new HashMap<>(services);
        services.forEach((key, value) -> all.put("%prod." + key, value));
        config = Map.copyOf(services);
        return all;
    }

    @Override
    public void stop() {
    }

    /** An access token of the admin account the application creates at start. */
    public static String adminToken() {
        return Api.login(ADMIN_EMAIL, ADMIN_PASSWORD).getString("accessToken");
    }

    /** The configuration handed to the application (S3 endpoint, credentials, ...). */
    public static Map<String, String> config() {
        return config;
    }
}
