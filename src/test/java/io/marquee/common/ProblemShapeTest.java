package io.marquee.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A resource, the upload routes, the byte endpoints and the not-found route write the same problem document. */
@QuarkusTest
class ProblemShapeTest {

    private static final String MEMBERS = "\\{\"type\":\"https://marquee\\.io/problems/[a-z-]+\",\"title\":\"[^\"]+\","
            + "\"status\":\\d{3},\"detail\":\"[^\"]+\"}";

    @Test
    void everyLayerAnswersWithTheSameMembersInTheSameOrder() {
        List<Response> answers = List.of(
                given().get("/api/v1/account"),
                given().contentType("video/mp4").body(new byte[16])
                        .put("/api/v1/admin/titles/" + UUID.randomUUID() + "/media"),
                given().get("/stream/" + UUID.randomUUID()),
                given().get("/no-such-page"));

        for (Response answer : answers) {
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.asString()).matches(MEMBERS);
            assertThat(answer.header("Content-Length")).isEqualTo(Integer.toString(answer.asByteArray().length));
        }
    }
}
