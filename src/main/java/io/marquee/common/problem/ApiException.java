package io.marquee.common.problem;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A failure with a meaning for the client: mapped as it is to a problem response. Carries no stack trace; it is an
 * answer, not a fault.
 */
public class ApiException extends RuntimeException {

    private final transient Problem problem;
    private final transient Object body;
    private final transient Map<String, String> headers;

    public ApiException(ProblemType type, String detail) {
        this(Problem.of(type, detail), Map.of());
    }

    public ApiException(Problem problem, Map<String, String> headers) {
        this(problem, problem, headers);
    }

    /** A problem whose body carries members beyond the standard ones (e.g. the active streams of a 409). */
    public ApiException(Problem problem, Object body, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.body = body;
        this.headers = Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    /** What the response body holds: the problem, or an extended problem document. */
    public Object body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ProblemType.NOT_FOUND, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(ProblemType.CONFLICT, detail);
    }

    public static ApiException forbidden(ProblemType type, String detail) {
        return new ApiException(type, detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(Problem.of(ProblemType.UNAUTHORIZED, detail), Map.of("WWW-Authenticate", "Bearer"));
    }

    public static ApiException validation(String field, String message) {
        return new ApiException(Problem.of(ProblemType.VALIDATION, "The request has invalid fields.")
                .withErrors(List.of(new Problem.FieldError(field, message))), Map.of());
    }

    public static ApiException tooManyRequests(String detail, Duration retryAfter) {
        return new ApiException(Problem.of(ProblemType.TOO_MANY_REQUESTS, detail),
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds()))));
    }

    public static ApiException unavailable(String detail, Duration retryAfter) {
        return new ApiException(Problem.of(ProblemType.SERVICE_UNAVAILABLE, detail),
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds()))));
    }
}
