package io.marquee.common;

import io.marquee.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every response, whichever layer answers it, carries X-Request-Id: the caller's when it is well formed, else a new
 * one; the same id is in the logging context and in a 500's body.
 */
@QuarkusTest
class RequestIdTest {

    private static final String OFFERED = "client-trace-0001";

    @Test
    void aJsonAnswerEchoesTheOfferedId() {
        Response response = Api.as(Api.newAccountToken()).header(CorrelationIds.HEADER, OFFERED).get("/api/v1/account");

        assertThat(response.statusCode()).isEqualTo(200);
        assertEchoed(response, OFFERED);
    }

    @Test
    void aProblemFromAResourceEchoesTheOfferedId() {
        Response response = offering(OFFERED).get("/api/v1/account");

        assertThat(response.statusCode()).isEqualTo(401);
        assertEchoed(response, OFFERED);
    }

    @Test
    void theNotFoundRouteEchoesTheOfferedIdAndAnswersHeadWithoutABody() {
        assertEchoed(offering(OFFERED).get("/no-such-page"), OFFERED);

        Response head = offering(OFFERED).head("/no-such-page");
        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(head.asByteArray()).isEmpty();
        assertEchoed(head, OFFERED);
    }

    @Test
    void anUploadRouteEchoesTheOfferedId() {
        Response response = offering(OFFERED).contentType("video/mp4").body(new byte[16])
                .put("/api/v1/admin/titles/" + UUID.randomUUID() + "/media");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertEchoed(response, OFFERED);
    }

    @Test
    void aByteEndpointEchoesTheOfferedId() {
        Response response = offering(OFFERED).get("/stream/" + UUID.randomUUID());

        assertThat(response.statusCode()).isEqualTo(401);
        assertEchoed(response, OFFERED);
    }

    @Test
    void operationsEndpointsAndStaticFilesEchoTheOfferedId() {
        assertEchoed(offering(OFFERED).get("/q/health/live"), OFFERED);
        Response page = offering(OFFERED).get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertEchoed(page, OFFERED);
    }

    @Test
    void withoutAnOfferedIdANewOneIsGiven() {
        Response first = given().get("/stream/" + UUID.randomUUID());
        Response second = given().get("/stream/" + UUID.randomUUID());

        assertThat(first.header(CorrelationIds.HEADER)).matches("[0-9a-f-]{36}");
        assertThat(second.header(CorrelationIds.HEADER)).matches("[0-9a-f-]{36}")
                .isNotEqualTo(first.header(CorrelationIds.HEADER));
    }

    @Test
    void anIllFormedOfferedIdIsReplaced() {
        for (String offered : new String[] {"short", "x".repeat(129), "has space-in-it", "quote\"injected-1",
                "unicode-éééééé"}) {
            Response response = offering(offered).get("/api/v1/account");
            assertThat(response.header(CorrelationIds.HEADER)).as(offered).matches("[0-9a-f-]{36}");
        }
    }

    @Test
    void theLoggingContextHoldsTheIdOnBlockingAndReactiveResources() {
        assertThat(offering(OFFERED).get("/test-support/logged-request-id/blocking").asString()).isEqualTo(OFFERED);
        assertThat(offering(OFFERED).get("/test-support/logged-request-id/reactive").asString()).isEqualTo(OFFERED);
    }

    @Test
    void anUnexpectedFailureQuotesTheSameIdInItsBodyAsInItsHeader() {
        Response response = given().get("/test-support/failure");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.jsonPath().getString("correlationId")).isEqualTo(response.header(CorrelationIds.HEADER));
    }

    private static RequestSpecification offering(String id) {
        return given().header(CorrelationIds.HEADER, id);
    }

    private static void assertEchoed(Response response, String id) {
        assertThat(response.headers().getValues(CorrelationIds.HEADER)).containsExactly(id);
    }
}
