package io.marquee.streaming.http;

import java.util.List;
import java.util.function.Function;

/** The method and the conditional and Range field lines of a request for a byte representation, each as received. */
public record ByteRequest(
        Method method,
        List<String> ifMatch,
        List<String> ifNoneMatch,
        List<String> ifModifiedSince,
        List<String> ifUnmodifiedSince,
        List<String> ifRange,
        List<String> range) {

    public static final String IF_MATCH = "If-Match";
    public static final String IF_NONE_MATCH = "If-None-Match";
    public static final String IF_MODIFIED_SINCE = "If-Modified-Since";
    public static final String IF_UNMODIFIED_SINCE = "If-Unmodified-Since";
    public static final String IF_RANGE = "If-Range";
    public static final String RANGE = "Range";

    /** The methods served on a byte resource; a HEAD is evaluated exactly as the same GET. */
    public enum Method {
        GET,
        HEAD
    }

    public ByteRequest {
        if (method == null) {
            throw new IllegalArgumentException("A byte request has a method");
        }
        ifMatch = lines(ifMatch);
        ifNoneMatch = lines(ifNoneMatch);
        ifModifiedSince = lines(ifModifiedSince);
        ifUnmodifiedSince = lines(ifUnmodifiedSince);
        ifRange = lines(ifRange);
        range = lines(range);
    }

    /**
     * Reads the fields through the server's header lookup (for example Vert.x {@code headers()::getAll} or
     * JAX-RS {@code HttpHeaders::getRequestHeader}), which returns every line of a field, or null or empty when absent.
     */
    public static ByteRequest of(String method, Function<String, List<String>> fieldLines) {
        return new ByteRequest(Method.valueOf(method),
                fieldLines.apply(IF_MATCH),
                fieldLines.apply(IF_NONE_MATCH),
                fieldLines.apply(IF_MODIFIED_SINCE),
                fieldLines.apply(IF_UNMODIFIED_SINCE),
                fieldLines.apply(IF_RANGE),
                fieldLines.apply(RANGE));
    }

    private static List<String> lines(List<String> fieldLines) {
        return fieldLines == null ? List.of() : List.copyOf(fieldLines);
    }
}
