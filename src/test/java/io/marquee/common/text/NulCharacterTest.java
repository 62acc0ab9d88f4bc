package io.marquee.common.text;

import io.marquee.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** PostgreSQL text cannot hold U+0000: every way it can arrive is a 400 naming the field, never a 500. */
@QuarkusTest
class NulCharacterTest {

    @Test
    void aSearchQueryWithNulIsA400NamingQ() {
        Api.as(Api.newProfileToken()).urlEncodingEnabled(false).get("/api/v1/search?q=a%00b").then()
                .statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("errors.field", hasItem("q"))
                .body("errors.message", hasItem(NulCharacterGuard.MESSAGE));
    }

    @Test
    void aCursorWithNulIsA400() {
        Api.as(Api.newProfileToken()).urlEncodingEnabled(false).get("/api/v1/titles?cursor=x%00y").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("cursor"));
    }

    @Test
    void aPathWithNulIsA400() {
        Api.as(Api.newProfileToken()).urlEncodingEnabled(false).get("/api/v1/titles/abc%00def").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("path"));
    }

    @Test
    void aJsonFieldWithNulIsA400NamingTheFieldAndNothingIsCreated() {
        String email = "nul-" + System.nanoTime() + "@example.com";
        RestAssured.given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"name\":\"a\\u0000b\"}")
                .post("/api/v1/auth/signup").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("name"))
                .body("errors.message", hasItem(NulCharacterGuard.MESSAGE));
        RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "correct horse battery"))
                .post("/api/v1/auth/login").then().statusCode(401);
    }

    @Test
    void aProfileNameWithNulIsA400() {
        Api.as(Api.newAccountToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"Kid\\u0000s\",\"maturityLevel\":7}")
                .post("/api/v1/profiles").then().statusCode(400).body("errors.field", hasItem("name"));
    }
}
