package io.marquee.account;

import io.marquee.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ProfileTest {

    @Test
    void aSixthProfileIsAConflict() {
        String token = Api.newAccountToken();
        for (int i = 2; i <= 5; i++) {
            create(token, "P" + i, 13, null).then().statusCode(201).body("id", notNullValue());
        }
        create(token, "Sixth", 13, null).then().statusCode(409).contentType("application/problem+json");
        Api.as(token).get("/api/v1/profiles").then().body("items.size()", equalTo(5));
    }

    @Test
    void invalidFieldsAreNamed() {
        String token = Api.newAccountToken();
        create(token, "Kid", 12, "12a4").then().statusCode(400)
                .body("errors.field", hasItem("maturityLevel")).body("errors.field", hasItem("pin"));
        String id = Api.firstProfileId(token);
        Api.as(token).contentType(ContentType.JSON).body(Map.of("maturityLevel", 21))
                .patch("/api/v1/profiles/" + id).then().statusCode(400).body("errors.field", hasItem("maturityLevel"));
    }

    @Test
    void aLockedProfileNeedsItsPin() {
        String token = Api.newAccountToken();
        String kids = create(token, "Kids", 7, "4321").then().statusCode(201)
                .body("locked", equalTo(true)).extract().path("id");
        select(token, kids, null).then().statusCode(403).body("type", endsWith("wrong-pin"));
        select(token, kids, "1234").then().statusCode(403).body("type", endsWith("wrong-pin"));
        String scoped = select(token, kids, "4321").then().statusCode(200).extract().path("accessToken");
        assertThat(Api.claims(scoped).getString("pid")).isEqualTo(kids);
    }

    @Test
    void wrongPinsAreThrottled() {
        String token = Api.newAccountToken();
        String kids = create(token, "Kids", 0, "4321").then().statusCode(201).extract().path("id");
        for (int i = 0; i < 5; i++) {
            select(token, kids, "000" + i).then().statusCode(403);
        }
        select(token, kids, "4321").then().statusCode(429).header("Retry-After", notNullValue());
    }

    @Test
    void patchRenamesChangesLevelAndClearsThePin() {
        String token = Api.newAccountToken();
        String id = create(token, "Teen", 13, "1111").then().statusCode(201).extract().path("id");
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Teenager");
        body.put("maturityLevel", 16);
        body.put("pin", null);
        Api.as(token).contentType(ContentType.JSON).body(body).patch("/api/v1/profiles/" + id)
                .then().statusCode(200).body("name", equalTo("Teenager")).body("maturityLevel", equalTo(16))
                .body("locked", equalTo(false));
        select(token, id, null).then().statusCode(200);
    }

    @Test
    void anotherAccountsProfileIsNotFound() {
        String owner = Api.newAccountToken();
        String id = Api.firstProfileId(owner);
        String stranger = Api.newAccountToken();
        select(stranger, id, null).then().statusCode(404).contentType("application/problem+json");
        Api.as(stranger).contentType(ContentType.JSON).body(Map.of("name", "Mine")).patch("/api/v1/profiles/" + id)
                .then().statusCode(404);
        Api.as(stranger).delete("/api/v1/profiles/" + id).then().statusCode(404);
        Api.as(owner).get("/api/v1/profiles").then().body("items.id", hasItem(id));
    }

    @Test
    void deletingAProfileRemovesIt() {
        String token = Api.newAccountToken();
        String id = create(token, "Guest", 18, null).then().statusCode(201).extract().path("id");
        Api.as(token).delete("/api/v1/profiles/" + id).then().statusCode(204);
        Api.as(token).get("/api/v1/profiles").then().body("items.size()", equalTo(1));
    }

    private static io.restassured.response.Response create(String token, String name, int level, String pin) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("maturityLevel", level);
        if (pin != null) {
            body.put("pin", pin);
        }
        return Api.as(token).contentType(ContentType.JSON).body(body).post("/api/v1/profiles");
    }

    private static io.restassured.response.Response select(String token, String id, String pin) {
        return Api.as(token).contentType(ContentType.JSON).body(pin == null ? Map.of() : Map.of("pin", pin))
                .post("/api/v1/profiles/" + id + "/select");
    }
}
