package io.marquee.catalog;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document describes every catalog, library and upload endpoint with its error responses. */
@QuarkusTest
class CatalogOpenApiTest {

    @Test
    void everyEndpointIsDescribedWithItsErrors() {
        JsonPath doc = RestAssured.given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, List<String>> operations = Map.ofEntries(
                Map.entry("/api/v1/titles", List.of("get")),
                Map.entry("/api/v1/titles/{titleId}", List.of("get")),
                Map.entry("/api/v1/genres", List.of("get")),
                Map.entry("/api/v1/search", List.of("get")),
                Map.entry("/api/v1/me/list", List.of("get")),
                Map.entry("/api/v1/me/list/{titleId}", List.of("put", "delete")),
                Map.entry("/api/v1/me/ratings/{titleId}", List.of("put")),
                Map.entry("/api/v1/me/continue-watching", List.of("get")),
                Map.entry("/api/v1/me/home", List.of("get")),
                Map.entry("/api/v1/admin/titles", List.of("post")),
                Map.entry("/api/v1/admin/titles/{titleId}", List.of("patch", "delete")),
                Map.entry("/api/v1/admin/titles/{titleId}/seasons/{seasonNumber}/episodes", List.of("post")),
                Map.entry("/api/v1/admin/titles/{titleId}/media", List.of("put", "get")),
                Map.entry("/api/v1/admin/episodes/{episodeId}/media", List.of("put", "get")),
                Map.entry("/api/v1/admin/media/index", List.of("post")),
                Map.entry("/api/v1/admin/titles/{titleId}/subtitles/{language}", List.of("put")),
                Map.entry("/api/v1/admin/titles/{titleId}/artwork/{kind}", List.of("put")));
        operations.forEach((path, methods) -> methods.forEach(method -> {
            Map<String, Object> responses = doc.getMap("paths.'" + path + "'." + method + ".responses");
            assertThat(responses).as(method + " " + path).isNotNull().containsKey("401");
            assertThat(responses.keySet()).as(method + " " + path)
                    .anyMatch(code -> code.startsWith("2"))
                    .anyMatch(code -> (code.startsWith("4") || code.startsWith("5")) && !code.equals("401"));
        }));
    }
}
