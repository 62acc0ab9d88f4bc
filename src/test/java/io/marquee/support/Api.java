package io.marquee.support;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Drives the public API the way a client does: fresh accounts per test, tokens from real logins. */
public final class Api {

    public static final String PASSWORD = "correct horse battery";

    private Api() {
    }

    /** A new account with a unique email; returns its email. */
    public static String signup() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "name", "Test User"))
                .post("/api/v1/auth/signup").then().statusCode(201);
        return email;
    }

    public static JsonPath login(String email) {
        return login(email, PASSWORD);
    }

    public static JsonPath login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().jsonPath();
    }

    /** Access token of a new account (not scoped to a profile). */
    public static String newAccountToken() {
        return login(signup()).getString("accessToken");
    }

    public static RequestSpecification as(String accessToken) {
        return given().header("Authorization", "Bearer " + accessToken);
    }

    /** The first profile of the account behind the token. */
    public static String firstProfileId(String accessToken) {
        return as(accessToken).get("/api/v1/profiles").then().statusCode(200).extract().path("items[0].id");
    }

    /** Tokens scoped to a profile. */
    public static JsonPath select(String accessToken, String profileId, String pin) {
        return as(accessToken).contentType(ContentType.JSON).body(pin == null ? Map.of() : Map.of("pin", pin))
                .post("/api/v1/profiles/" + profileId + "/select").then().statusCode(200).extract().jsonPath();
    }

    /** A new account's access token scoped to its first (adult) profile. */
    public static String newProfileToken() {
        String token = newAccountToken();
        return select(token, firstProfileId(token), null).getString("accessToken");
    }

    /** The decoded claims of a JWT, without verifying it. */
    public static JsonPath claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }
}
