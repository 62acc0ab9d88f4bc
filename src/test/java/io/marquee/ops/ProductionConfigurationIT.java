package io.marquee.ops;

import io.marquee.localservices.LocalServices;
import io.marquee.support.Eventually;
import io.marquee.support.PackagedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged app in production mode against an external PostgreSQL and S3-compatible server, configured only by
 * the environment variables of DESIGN.md: it migrates an empty database, creates the admin, reports readiness
 * truthfully while a dependency is stopped and restarted, and refuses to start without a required variable.
 */
class ProductionConfigurationIT {

    private static LocalServices services;

    @BeforeAll
    static void startDependencies() {
        services = LocalServices.start(Path.of("target", "prod-it-services").toAbsolutePath(), true);
    }

    @AfterAll
    static void stopDependencies() {
        services.close();
    }

    @Test
    void runsOnEnvironmentVariablesAloneAndReportsReadinessTruthfully() throws Exception {
        Map<String, String> env = productionEnvironment();
        try (PackagedApp app = PackagedApp.start(env, List.of("-Xmx256m"))) {
            app.awaitReady(Duration.ofSeconds(90));
            assertThat(app.output()).contains("Profile prod activated");
            assertThat(login(app, env).statusCode()).isEqualTo(200);
            assertThat(migrations()).contains("1", "2");

            services.stopPostgres();
            Eventually.within(Duration.ofSeconds(10), () -> app.status("/q/health/ready") == 503);
            HttpResponse<String> unavailable = login(app, env);
            assertThat(unavailable.statusCode()).isEqualTo(503);
            assertThat(unavailable.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
            assertThat(app.status("/q/health/live")).isEqualTo(200);
            services.startPostgres();
            Eventually.within(Duration.ofSeconds(20), () -> app.status("/q/health/ready") == 200);
            Eventually.within(Duration.ofSeconds(10), () -> login(app, env).statusCode() == 200);

            services.stopS3();
            Eventually.within(Duration.ofSeconds(10), () -> app.status("/q/health/ready") == 503);
            services.startS3();
            Eventually.within(Duration.ofSeconds(20), () -> app.status("/q/health/ready") == 200);

            assertThat(app.output()).doesNotContain(env.get("MARQUEE_ADMIN_PASSWORD"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "MARQUEE_MEDIA_BUCKET",
            "QUARKUS_S3_AWS_REGION", "MARQUEE_JWT_SIGNING_KEY", "MARQUEE_GRANT_SECRET"})
    void aMissingRequiredVariableStopsStartupNamingIt(String variable) throws Exception {
        Map<String, String> env = productionEnvironment();
        env.remove(variable);
        try (PackagedApp app = PackagedApp.start(env, List.of("-Xmx256m"))) {
            int exit = app.awaitExit(Duration.ofSeconds(60));
            assertThat(exit).isNotZero();
            assertThat(app.output()).contains(variable);
        }
    }

    @Test
    void anUnreadableSigningKeyStopsStartup() throws Exception {
        Map<String, String> env = productionEnvironment();
        env.put("MARQUEE_JWT_SIGNING_KEY", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        try (PackagedApp app = PackagedApp.start(env, List.of("-Xmx256m"))) {
            assertThat(app.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(app.output()).contains("MARQUEE_JWT_SIGNING_KEY");
        }
    }

    private static HttpResponse<String> login(PackagedApp app, Map<String, String> env) {
        try {
            return app.send(HttpRequest.newBuilder(app.uri("/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + env.get("MARQUEE_ADMIN_EMAIL")
                            + "\",\"password\":\"" + env.get("MARQUEE_ADMIN_PASSWORD") + "\"}")));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> migrations() throws Exception {
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + services.postgresPort() + "/postgres", "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
            List<String> versions = new java.util.ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
            return versions;
        }
    }

    static Map<String, String> productionEnvironment() throws Exception {
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
        env.put("MARQUEE_ADMIN_EMAIL", "ops-admin@example.com");
        env.put("MARQUEE_ADMIN_PASSWORD", "an admin password 123");
        return env;
    }

    private static String newSigningKeyPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
