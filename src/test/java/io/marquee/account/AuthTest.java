package io.marquee.account;

import io.marquee.support.Api;
import io.marquee.support.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.marquee.support.Api.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class AuthTest {

    @Test
    void signupCreatesAStandardAccountWithAFirstProfileNamedAfterIt() {
        String email = "new-" + UUID.randomUUID() + "@Example.com";
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD, "name", "Ada"))
                .post("/api/v1/auth/signup")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/account"))
                .body("id", notNullValue())
                .body("email", equalTo(email.toLowerCase()))
                .body("name", equalTo("Ada"))
                .body("plan", equalTo("STANDARD"));
        String token = Api.login(email).getString("accessToken");
        Api.as(token).get("/api/v1/profiles").then().statusCode(200)
                .body("items.name", contains("Ada"))
                .body("items[0].maturityLevel", equalTo(18))
                .body("items[0].locked", equalTo(false));
    }

    @Test
    void duplicateEmailIsAConflictWhateverItsCase() {
        String email = Api.signup();
        given().contentType(ContentType.JSON).body(Map.of("email", email.toUpperCase(), "password", PASSWORD, "name", "B"))
                .post("/api/v1/auth/signup")
                .then().statusCode(409).contentType("application/problem+json").body("status", equalTo(409));
    }

    @Test
    void passwordsOutside8To128CharactersAreRefusedWithAFieldError() {
        for (String password : List.of("short7c", "x".repeat(129))) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("email", "p-" + UUID.randomUUID() + "@example.com", "password", password, "name", "P"))
                    .post("/api/v1/auth/signup")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", contains("password"));
        }
    }

    @Test
    void loginReturnsATokenPairAndTheAccountShowsPlanAndRoles() {
        JsonPath pair = Api.login(Api.signup());
        assertThat(pair.getString("tokenType")).isEqualTo("Bearer");
        assertThat(pair.getLong("expiresIn")).isBetween(800L, 900L);
        assertThat(pair.getLong("refreshExpiresIn")).isGreaterThan(86_400L);
        assertThat(pair.getString("refreshToken")).hasSizeGreaterThanOrEqualTo(43);
        JsonPath claims = Api.claims(pair.getString("accessToken"));
        assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(900L);
        assertThat(claims.getString("jti")).isNotBlank();
        Api.as(pair.getString("accessToken")).get("/api/v1/account").then().statusCode(200)
                .body("plan", equalTo("STANDARD")).body("maxStreams", equalTo(2)).body("roles", contains("subscriber"));
    }

    @Test
    void unknownEmailAndWrongPasswordGetByteIdenticalAnswers() {
        String email = Api.signup();
        Response wrongPassword = given().contentType(ContentType.JSON).header("X-Forwarded-For", "192.0.2.10")
                .body(Map.of("email", email, "password", "not the password")).post("/api/v1/auth/login");
        Response unknownEmail = given().contentType(ContentType.JSON).header("X-Forwarded-For", "192.0.2.10")
                .body(Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com", "password", "not the password"))
                .post("/api/v1/auth/login");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownEmail.statusCode()).isEqualTo(401);
        assertThat(unknownEmail.asByteArray()).isEqualTo(wrongPassword.asByteArray());
        assertThat(unknownEmail.contentType()).isEqualTo(wrongPassword.contentType());
    }

    @Test
    void aPasswordDifferingOnlyAfterByte72DoesNotLogIn() {
        String password = "a".repeat(72) + "b".repeat(28);
        String email = "long-" + UUID.randomUUID() + "@example.com";
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password, "name", "L"))
                .post("/api/v1/auth/signup").then().statusCode(201);
        Api.login(email, password);
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "192.0.2.11")
                .body(Map.of("email", email, "password", "a".repeat(72) + "c".repeat(28)))
                .post("/api/v1/auth/login").then().statusCode(401);
    }

    @Test
    void refreshRotatesAndAReusedTokenEndsTheWholeLogin() throws InterruptedException {
        JsonPath first = Api.login(Api.signup());
        JsonPath second = refresh(first.getString("refreshToken")).then().statusCode(200).extract().jsonPath();
        assertThat(second.getString("refreshToken")).isNotEqualTo(first.getString("refreshToken"));
        Thread.sleep(1_200); // past the reuse grace: a second use of a rotated token is theft
        refresh(first.getString("refreshToken")).then().statusCode(401).contentType("application/problem+json");
        refresh(second.getString("refreshToken")).then().statusCode(401);
        Eventually.within(Duration.ofSeconds(5), () ->
                Api.as(second.getString("accessToken")).get("/api/v1/account").statusCode() == 401);
    }

    @Test
    void aRaceOfRefreshesWithOneTokenHasAtMostOneWinner() throws Exception {
        String refreshToken = Api.login(Api.signup()).getString("refreshToken");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racers.add(() -> refresh(refreshToken).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(racers)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(200, 401);
            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void logoutEndsThatLoginOnly() {
        String email = Api.signup();
        JsonPath phone = Api.login(email);
        JsonPath laptop = Api.login(email);
        Api.as(phone.getString("accessToken")).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", phone.getString("refreshToken")))
                .post("/api/v1/auth/logout").then().statusCode(204);
        refresh(phone.getString("refreshToken")).then().statusCode(401);
        Eventually.within(Duration.ofSeconds(5), () ->
                Api.as(phone.getString("accessToken")).get("/api/v1/account").statusCode() == 401);
        Api.as(laptop.getString("accessToken")).get("/api/v1/account").then().statusCode(200);
        refresh(laptop.getString("refreshToken")).then().statusCode(200);
    }

    @Test
    void logoutAllRefusesEveryEarlierTokenButNotALaterLogin() {
        String email = Api.signup();
        JsonPath before = Api.login(email);
        Api.as(before.getString("accessToken")).post("/api/v1/auth/logout-all").then().statusCode(204);
        Duration took = Eventually.within(Duration.ofSeconds(5), () ->
                Api.as(before.getString("accessToken")).get("/api/v1/account").statusCode() == 401);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        refresh(before.getString("refreshToken")).then().statusCode(401);
        String after = Api.login(email).getString("accessToken");
        Api.as(after).get("/api/v1/account").then().statusCode(200);
    }

    @Test
    void failedLoginsAreThrottledPerAddressWhileTheOwnerCanStillSignInFromElsewhere() {
        String email = Api.signup();
        String attacker = "203.0.113." + (1 + (int) (Math.random() * 200));
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", attacker)
                    .body(Map.of("email", email, "password", "guess-" + i)).post("/api/v1/auth/login")
                    .then().statusCode(401);
        }
        given().contentType(ContentType.JSON).header("X-Forwarded-For", attacker)
                .body(Map.of("email", email, "password", PASSWORD)).post("/api/v1/auth/login")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "198.51.100.7")
                .body(Map.of("email", email, "password", PASSWORD)).post("/api/v1/auth/login")
                .then().statusCode(200);
    }

    @Test
    void planChangesTheStreamLimit() {
        String token = Api.newAccountToken();
        Api.as(token).contentType(ContentType.JSON).body(Map.of("plan", "PREMIUM")).put("/api/v1/account/plan")
                .then().statusCode(200).body("plan", equalTo("PREMIUM")).body("maxStreams", equalTo(4));
        Api.as(token).contentType(ContentType.JSON).body(Map.of("plan", "BASIC")).put("/api/v1/account/plan")
                .then().statusCode(200).body("maxStreams", equalTo(1));
        Api.as(token).contentType(ContentType.JSON).body(Map.of("plan", "GOLD")).put("/api/v1/account/plan")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("plan"));
    }

    @Test
    void refreshingAProfileScopedLoginKeepsTheProfile() {
        String token = Api.newAccountToken();
        String profileId = Api.firstProfileId(token);
        JsonPath scoped = Api.select(token, profileId, null);
        assertThat(Api.claims(scoped.getString("accessToken")).getString("pid")).isEqualTo(profileId);
        JsonPath refreshed = refresh(scoped.getString("refreshToken")).then().statusCode(200).extract().jsonPath();
        assertThat(Api.claims(refreshed.getString("accessToken")).getString("pid")).isEqualTo(profileId);
    }

    static Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken)).post("/api/v1/auth/refresh");
    }
}
