package io.marquee.streaming.http;

import java.util.Optional;

/** An entity tag (RFC 9110 section 8.8.3): the opaque tag without its quotes, and whether it is weak. */
public record EntityTag(String opaqueTag, boolean weak) {

    private static final String WEAK_PREFIX = "W/";

    public EntityTag {
        for (int i = 0; i < opaqueTag.length(); i++) {
            if (!isEtagc(opaqueTag.charAt(i))) {
                throw new IllegalArgumentException("Not an opaque tag: " + opaqueTag);
            }
        }
    }

    /** One entity tag in its quoted form ({@code "abc"} or {@code W/"abc"}), surrounded by optional whitespace. */
    public static Optional<EntityTag> parse(String value) {
        String tag = FieldSyntax.stripOws(value);
        int end = endOf(tag, 0);
        if (end != tag.length()) {
            return Optional.empty();
        }
        return Optional.of(of(tag, 0, end));
    }

    /** An If-Match or If-None-Match field value: {@code *}, or a comma-separated list of entity tags. */
    public static EntityTagList parseList(String fieldValue) {
        return EntityTagList.parse(fieldValue);
    }

    /** Strong comparison: both tags are strong and their opaque tags are identical. */
    public boolean strongMatch(EntityTag other) {
        return !weak && !other.weak && opaqueTag.equals(other.opaqueTag);
    }

    /** Weak comparison: the opaque tags are identical, whether either tag is weak or not. */
    public boolean weakMatch(EntityTag other) {
        return opaqueTag.equals(other.opaqueTag);
    }

    @Override
    public String toString() {
        return (weak ? WEAK_PREFIX : "") + '"' + opaqueTag + '"';
    }

    /** The index just past the entity tag that starts at {@code start}, or -1 when none starts there. */
    static int endOf(String value, int start) {
        int open = value.startsWith(WEAK_PREFIX, start) ? start + WEAK_PREFIX.length() : start;
        if (open >= value.length() || value.charAt(open) != '"') {
            return -1;
        }
        int close = open + 1;
        while (close < value.length() && isEtagc(value.charAt(close))) {
            close++;
        }
        return close < value.length() && value.charAt(close) == '"' ? close + 1 : -1;
    }

    static EntityTag of(String value, int start, int end) {
        boolean weak = value.startsWith(WEAK_PREFIX, start);
        int open = weak ? start + WEAK_PREFIX.length() : start;
        return new EntityTag(value.substring(open + 1, end - 1), weak);
    }

    private static boolean isEtagc(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }
}
