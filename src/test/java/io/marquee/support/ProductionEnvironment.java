package io.marquee.support;

import io.marquee.localservices.LocalServices;

import java.io.IOException;
import java.io.InputStream;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The environment variables of DESIGN.md's "Production configuration" table, for the packaged app run against
 * {@link LocalServices}: a free HTTP port, the services' PostgreSQL and S3, a new signing key and grant secret, and an
 * admin. The map is mutable so a test can remove or change a variable.
 */
public final class ProductionEnvironment {

    public static final String ADMIN_EMAIL = "ops-admin@example.com";
    public static final String ADMIN_PASSWORD = "an admin password 123";

    private ProductionEnvironment() {
    }

    public static Map<String, String> of(LocalServices services) throws Exception {
        Map<String, String> env = new HashMap<>();
        int port = PackagedApp.freePort();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + services.postgresPort() + "/postgres");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + services.postgresPort() + "/postgres");
        env.put("QUARKUS_DATASOURCE_USERNAME", LocalServices.DB_USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("MARQUEE_MEDIA_BUCKET", LocalServices.BUCKET);
        env.put("QUARKUS_S3_AWS_REGION", "us-east-1");
        env.put("QUARKUS_S3_ENDPOINT_OVERRIDE", "http://127.0.0.1:" + services.s3Port());
        env.put("QUARKUS_S3_PATH_STYLE_ACCESS", "true");
        env.put("QUARKUS_S3_AWS_CREDENTIALS_TYPE", "static");
        env.put("QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", LocalServices.ACCESS_KEY);
        env.put("QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", LocalServices.SECRET_KEY);
        env.put("MARQUEE_JWT_SIGNING_KEY", newSigningKeyPem());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        env.put("MARQUEE_GRANT_SECRET", Base64.getEncoder().encodeToString(secret));
        env.put("MARQUEE_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("MARQUEE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return env;
    }

    /** A duration setting of the packaged application.properties (production profile), such as quarkus.shutdown.delay. */
    public static Duration durationSetting(String key) {
        Properties properties = new Properties();
        try (InputStream in = ProductionEnvironment.class.getResourceAsStream("/application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String value = properties.getProperty("%prod." + key, properties.getProperty(key));
        if (value == null) {
            throw new IllegalStateException(key + " is not set in application.properties");
        }
        value = value.trim();
        if (value.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        if (value.matches("\\d+ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.matches("\\d+[smh]")) {
            return Duration.parse("PT" + value.toUpperCase());
        }
        return Duration.parse(value);
    }

    private static String newSigningKeyPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
