package io.marquee.common.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one problem serialisation: its members, their order, and the JAX-RS form built from the same bytes. */
class ProblemWriterTest {

    private final ProblemWriter writer = new ProblemWriter(new ObjectMapper());

    @Test
    void aProblemHasTheStandardMembersInOrderAndLeavesOutWhatItDoesNotHave() {
        String body = new String(writer.serialise(Problem.of(ProblemType.NOT_FOUND, "No such thing.")),
                StandardCharsets.UTF_8);

        assertThat(body).isEqualTo("{\"type\":\"https://marquee.io/problems/not-found\",\"title\":\"Not found\","
                + "\"status\":404,\"detail\":\"No such thing.\"}");
    }

    @Test
    void fieldErrorsAndTheCorrelationIdFollowTheStandardMembers() {
        Problem problem = Problem.of(ProblemType.VALIDATION, "The request has invalid fields.")
                .withErrors(List.of(new Problem.FieldError("email", "must be a well-formed email address")))
                .withCorrelationId("trace-12345678");

        assertThat(new String(writer.serialise(problem), StandardCharsets.UTF_8)).isEqualTo(
                "{\"type\":\"https://marquee.io/problems/validation\",\"title\":\"Request is not valid\",\"status\":400,"
                        + "\"detail\":\"The request has invalid fields.\",\"errors\":[{\"field\":\"email\","
                        + "\"message\":\"must be a well-formed email address\"}],\"correlationId\":\"trace-12345678\"}");
    }

    @Test
    void theJaxRsAnswerCarriesTheSameBytesTheStatusTheMediaTypeAndTheHeaders() {
        Problem problem = Problem.of(ProblemType.TOO_MANY_REQUESTS, "Slow down.");

        Response response = writer.response(problem, Map.of("Retry-After", "30"));

        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("30");
        assertThat((byte[]) response.getEntity()).isEqualTo(writer.serialise(problem));
    }

    @Test
    void anExtendedDocumentIsWrittenAsItIsWithTheProblemsStatus() {
        Problem problem = Problem.of(ProblemType.STREAM_LIMIT, "Too many.");
        record Extended(String type, String title, int status, String detail, List<String> activeStreams) {
        }
        Extended extended = new Extended(problem.type(), problem.title(), problem.status(), problem.detail(),
                List.of("tv"));

        Response response = writer.response(problem, extended, Map.of());

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(new String((byte[]) response.getEntity(), StandardCharsets.UTF_8)).endsWith(",\"activeStreams\":[\"tv\"]}");
    }
}
