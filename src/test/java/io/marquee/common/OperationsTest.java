package io.marquee.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** Metrics, OpenAPI and Swagger UI; every API operation is documented with its errors. */
@QuarkusTest
class OperationsTest {

    @Test
    void prometheusMetricsIncludeMarqueesOwn() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("marquee_stream_active"))
                .body(containsString("marquee_s3_bodies_open"))
                .body(containsString("http_server_requests"));
    }

    @Test
    void swaggerUiLoads() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void everyOperationIsDocumentedWithSuccessAndErrorResponses() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        assertThat(paths).containsKeys("/api/v1/auth/signup", "/api/v1/auth/login", "/api/v1/auth/refresh",
                "/api/v1/auth/logout", "/api/v1/auth/logout-all", "/api/v1/account", "/api/v1/account/plan",
                "/api/v1/profiles", "/api/v1/profiles/{profileId}", "/api/v1/profiles/{profileId}/select",
                "/api/v1/playback", "/api/v1/playback/{leaseId}/heartbeat", "/api/v1/playback/{leaseId}",
                "/stream/{assetId}", "/artwork/{titleId}/{kind}", "/.well-known/jwks.json",
                "/api/v1/admin/accounts/{accountId}/disable");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (!(operation instanceof Map<?, ?> op) || !op.containsKey("responses")) {
                return;
            }
            Map<?, ?> responses = (Map<?, ?>) op.get("responses");
            assertThat(responses.keySet()).as(method + " " + path)
                    .anyMatch(code -> code.toString().startsWith("2") || code.toString().equals("304"));
            if (path.startsWith("/api/v1") || path.startsWith("/stream")) {
                assertThat(responses.keySet()).as(method + " " + path + " documents its errors")
                        .anyMatch(code -> code.toString().startsWith("4"));
            }
        }));
    }
}
