package io.marquee.ops;

import io.marquee.localservices.LocalServices;
import io.marquee.support.Eventually;
import io.marquee.support.PackagedApp;
import io.marquee.support.ProductionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
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
        return ProductionEnvironment.of(services);
    }
}
