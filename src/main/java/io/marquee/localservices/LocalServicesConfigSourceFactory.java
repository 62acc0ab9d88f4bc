package io.marquee.localservices;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * In dev and test mode, when no datasource URL or S3 endpoint is configured, starts a real embedded PostgreSQL and
 * a real S3-compatible server (once per JVM) and supplies their coordinates as configuration.
 *
 * <p>The starter is loaded by name so that nothing of the embedded servers is linked from the production path: their
 * jars are {@code provided} dependencies, present in {@code quarkus:dev} and tests and absent from the packaged app.
 */
public final class LocalServicesConfigSourceFactory implements ConfigSourceFactory {

    static final String STARTER = "io.marquee.localservices.LocalServices";
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String mode = localMode(context);
        if (mode == null || !isSet(context, "marquee.local-services.enabled", true)
                || configured(context, "quarkus.datasource.reactive.url")
                || configured(context, "quarkus.s3.endpoint-override")) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(startLocalServices(mode), "marquee-local-services", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static String localMode(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        if (profiles.contains("dev")) {
            return "dev";
        }
        if (profiles.contains("test")) {
            return "test";
        }
        return null;
    }

    private static boolean configured(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static boolean isSet(ConfigSourceContext context, String name, boolean defaultValue) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null ? defaultValue : Boolean.parseBoolean(value.getValue());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> startLocalServices(String mode) {
        Class<?> starter;
        try {
            starter = Class.forName(STARTER, true, Thread.currentThread().getContextClassLoader());
            starter.getClassLoader().loadClass("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");
            starter.getClassLoader().loadClass("org.gaul.s3proxy.S3Proxy");
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return Map.of();
        }
        try {
            return (Map<String, String>) starter.getMethod("sharedConfig", String.class).invoke(null, mode);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Could not start the local PostgreSQL and S3 services: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not start the local PostgreSQL and S3 services", e);
        }
    }
}
