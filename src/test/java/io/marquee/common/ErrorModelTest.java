package io.marquee.common;

import io.marquee.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Every error is application/problem+json with type, title, status and detail, and nothing internal. */
@QuarkusTest
class ErrorModelTest {

    @Test
    void validationFailureIs400WithFieldErrors() {
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-email", "password", "x", "name", ""))
                .post("/api/v1/auth/signup");
        assertProblem(response, 400);
        assertThat(response.jsonPath().getList("errors.field")).contains("email", "password", "name");
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(given().contentType(ContentType.JSON).body("{\"email\": ").post("/api/v1/auth/login"), 400);
    }

    @Test
    void missingTokenIs401WithABearerChallenge() {
        Response response = given().get("/api/v1/account");
        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void garbageTokenIs401() {
        assertProblem(Api.as("not.a.jwt").get("/api/v1/account"), 401);
    }

    @Test
    void subscriberOnAnAdminEndpointIs403() {
        assertProblem(Api.as(Api.newAccountToken()).post("/api/v1/admin/accounts/" + UUID.randomUUID() + "/disable"), 403);
    }

    @Test
    void unknownResourceIs404() {
        assertProblem(Api.as(Api.newAccountToken()).get("/api/v1/profiles/" + UUID.randomUUID() + "/nothing-here"), 404);
        assertProblem(given().get("/api/v1/no-such-endpoint"), 404);
        assertProblem(given().get("/no-such-page"), 404);
    }

    @Test
    void wrongMethodIs405() {
        assertProblem(given().get("/api/v1/auth/login"), 405);
    }

    @Test
    void duplicateIs409() {
        String email = Api.signup();
        assertProblem(given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Api.PASSWORD, "name", "Twin")).post("/api/v1/auth/signup"), 409);
    }

    @Test
    void wrongContentTypeIs415() {
        assertProblem(given().contentType(ContentType.TEXT).body("email=a&password=b").post("/api/v1/auth/login"), 415);
    }

    @Test
    void tooManyRequestsIs429WithRetryAfter() {
        String email = Api.signup();
        Response response = null;
        for (int i = 0; i < 6; i++) {
            response = given().contentType(ContentType.JSON).header("X-Forwarded-For", "198.18.0." + (10 + i % 1))
                    .body(Map.of("email", email, "password", "wrong-" + i)).post("/api/v1/auth/login");
        }
        assertProblem(response, 429);
        assertThat(Integer.parseInt(response.header("Retry-After"))).isPositive();
    }

    @Test
    void unexpectedFailureIs500WithACorrelationIdAndNothingInternal() {
        Response response = given().header("X-Request-Id", "trace-12345678").get("/test-support/failure");
        assertProblem(response, 500);
        response.then().body("correlationId", equalTo("trace-12345678"));
        assertThat(response.asString()).doesNotContain("SECRET", "IllegalState", "org.example", "line 42");
    }

    static void assertProblem(Response response, int status) {
        response.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", startsWith("https://marquee.io/problems/"));
        assertThat(response.jsonPath().getString("title")).isNotBlank();
        assertThat(response.jsonPath().getString("detail")).isNotBlank();
        String body = response.asString();
        assertThat(body).doesNotContain("Exception", "\tat ", "io.marquee.", "java.", "SQL", "select ");
    }
}
