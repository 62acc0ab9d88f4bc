package io.marquee.common.paging;

import io.marquee.common.problem.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * An opaque position in a keyset-paged list: the sort key values of the last item returned, base64url-encoded. The
 * client passes it back untouched; anything it cannot decode is a 400 on {@code cursor}.
 */
public final class Cursor {

    private static final char SEPARATOR = '\u001f';

    private Cursor() {
    }

    public static String encode(List<String> values) {
        String joined = String.join(String.valueOf(SEPARATOR), values);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** The values of a cursor, which must hold exactly {@code expected} of them. */
    public static List<String> decode(String cursor, int expected) {
        try {
            String joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> values = Arrays.asList(joined.split(String.valueOf(SEPARATOR), -1));
            if (values.size() != expected) {
                throw invalid();
            }
            return values;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public static ApiException invalid() {
        return ApiException.validation("cursor", "is not a cursor this list returned");
    }
}
