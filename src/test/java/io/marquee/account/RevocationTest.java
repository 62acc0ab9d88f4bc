package io.marquee.account;

import io.marquee.account.service.AccountService;
import io.marquee.support.Api;
import io.marquee.support.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Every path that must make earlier access tokens fail within 5 seconds, including from another instance. */
@QuarkusTest
class RevocationTest {

    @Inject
    AccountService accounts;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void aDisabledAccountsTokensStopWorking() throws Throwable {
        String email = Api.signup();
        JsonPath victim = Api.login(email);
        String accountId = Api.as(victim.getString("accessToken")).get("/api/v1/account").then().extract().path("id");
        String admin = adminToken();
        Api.as(admin).post("/api/v1/admin/accounts/" + accountId + "/disable").then().statusCode(204);
        Duration took = Eventually.within(Duration.ofSeconds(5), () ->
                Api.as(victim.getString("accessToken")).get("/api/v1/account").statusCode() == 401);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", victim.getString("refreshToken")))
                .post("/api/v1/auth/refresh").then().statusCode(401);
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "192.0.2.77")
                .body(Map.of("email", email, "password", Api.PASSWORD)).post("/api/v1/auth/login").then().statusCode(401);
        Api.as(admin).post("/api/v1/admin/accounts/" + UUID.randomUUID() + "/disable").then().statusCode(404);
    }

    @Test
    void aPasswordChangeEndsEveryEarlierLogin() {
        String email = Api.signup();
        JsonPath other = Api.login(email);
        JsonPath here = Api.login(email);
        Api.as(here.getString("accessToken")).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "wrong password", "newPassword", "a brand new password"))
                .put("/api/v1/account/password").then().statusCode(403);
        String fresh = Api.as(here.getString("accessToken")).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "a brand new password"))
                .put("/api/v1/account/password").then().statusCode(200).extract().path("accessToken");
        Eventually.within(Duration.ofSeconds(5), () ->
                Api.as(other.getString("accessToken")).get("/api/v1/account").statusCode() == 401
                        && Api.as(here.getString("accessToken")).get("/api/v1/account").statusCode() == 401);
        Api.as(fresh).get("/api/v1/account").then().statusCode(200);
        Api.login(email, "a brand new password");
    }

    @Test
    void aLogoutAllOnAnotherInstanceReachesThisOneWithinFiveSeconds() throws Exception {
        JsonPath pair = Api.login(Api.signup());
        String token = pair.getString("accessToken");
        String accountId = Api.as(token).get("/api/v1/account").then().statusCode(200).extract().path("id");
        long notBefore = java.time.Instant.now().getEpochSecond() + 1;
        // Another instance: its own connection, its own transaction and notification, as LoginSessions.endAll does.
        try (Connection other = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            other.setAutoCommit(false);
            try (PreparedStatement update = other.prepareStatement(
                    "UPDATE account SET tokens_valid_after = to_timestamp(?) WHERE id = ?");
                 PreparedStatement notify = other.prepareStatement("SELECT pg_notify('marquee_token_revocations', ?)")) {
                update.setLong(1, notBefore);
                update.setObject(2, UUID.fromString(accountId));
                update.executeUpdate();
                notify.setString(1, "A;" + accountId + ";" + notBefore);
                notify.execute();
            }
            other.commit();
        }
        Duration took = Eventually.within(Duration.ofSeconds(5), () ->
                Api.as(token).get("/api/v1/account").statusCode() == 401);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    private String adminToken() throws Throwable {
        String email = "admin-" + UUID.randomUUID() + "@example.com";
        VertxContextSupport.subscribeAndAwait(() -> accounts.signup(email, Api.PASSWORD, "Admin", true));
        return Api.login(email).getString("accessToken");
    }
}
