package io.marquee.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.marquee.common.CorrelationIds;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns every failure into an {@code application/problem+json} response. Each mapper is narrow; the last one, for
 * failures nobody anticipated, answers 503 when a dependency is unreachable and otherwise a bare 500 with a
 * correlation id, logging the details server-side only.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ProblemWriter problems;

    public ProblemMappers(ProblemWriter problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return problems.response(e.problem(), e.body(), e.headers());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        return respond(Problem.of(ProblemType.VALIDATION, "The request has invalid fields.").withErrors(errors),
                Map.of());
    }

    @ServerExceptionMapper(value = {JsonProcessingException.class, JsonParseException.class,
            MismatchedInputException.class, InvalidFormatException.class}, priority = Priorities.USER - 100)
    public Response unreadableJson(JsonProcessingException e) {
        Problem problem = Problem.of(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON for this operation.");
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String message = io.marquee.common.text.NulCharacterGuard.MESSAGE.equals(mapping.getOriginalMessage())
                    ? mapping.getOriginalMessage() : "has the wrong type or format";
            problem = problem.withErrors(List.of(new Problem.FieldError(field, message)));
        }
        return respond(problem, Map.of());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return respond(Problem.of(ProblemType.UNAUTHORIZED, "A valid access token is required."),
                Map.of("WWW-Authenticate", "Bearer"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(ProblemType.FORBIDDEN, "This account is not allowed to do that."), Map.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, null);
        }
        Problem problem = switch (status) {
            case 400 -> Problem.of(ProblemType.MALFORMED_REQUEST, "The request could not be read.");
            case 401 -> Problem.of(ProblemType.UNAUTHORIZED, "A valid access token is required.");
            case 403 -> Problem.of(ProblemType.FORBIDDEN, "Not allowed.");
            case 404 -> Problem.of(ProblemType.NOT_FOUND, "No resource at this address.");
            case 405 -> Problem.of(ProblemType.METHOD_NOT_ALLOWED, "This method is not allowed on this resource.");
            case 406 -> Problem.of(ProblemType.NOT_ACCEPTABLE, "No acceptable representation.");
            case 413 -> Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large.");
            case 415 -> Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "This content type is not supported here.");
            default -> new Problem(Problem.TYPE_BASE + "http-" + status,
                    Response.Status.fromStatusCode(status) != null
                            ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Client error",
                    status, "The request was not accepted.", null, null);
        };
        Map<String, String> headers = e instanceof NotAllowedException notAllowed
                && notAllowed.getResponse().getHeaderString("Allow") != null
                ? Map.of("Allow", notAllowed.getResponse().getHeaderString("Allow")) : Map.of();
        if (status == 401) {
            headers = Map.of("WWW-Authenticate", "Bearer");
        }
        return respond(problem, headers);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, ContainerRequestContext request) {
        if (DependencyFailures.isUnavailable(e)) {
            LOG.warnf("Dependency unavailable: %s", DependencyFailures.describe(e));
            return respond(Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                    "A service Marquee depends on is unavailable. Try again shortly."), Map.of("Retry-After", "5"));
        }
        String correlationId = request == null ? CorrelationIds.newId() : CorrelationIds.of(request);
        LOG.errorf(e, "Unexpected failure [correlationId=%s]", correlationId);
        return respond(Problem.of(ProblemType.INTERNAL,
                        "Something went wrong on our side. Quote the correlation id when you report it.")
                .withCorrelationId(correlationId), Map.of());
    }

    private Response respond(Problem problem, Map<String, String> headers) {
        return problems.response(problem, headers);
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // Paths look like "signup.request.password": the method and parameter names mean nothing to a client.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", List.of(parts).subList(2, parts.length)) : parts[parts.length - 1];
    }
}
