package io.marquee.streaming.http;

import java.util.ArrayList;
import java.util.List;

/** The value of an If-Match or If-None-Match field: any representation, a list of entity tags, or malformed. */
public sealed interface EntityTagList {

    /** Whether the condition names {@code current} under strong comparison, as If-Match requires. */
    boolean anyStrongMatch(EntityTag current);

    /** Whether the condition names {@code current} under weak comparison, as If-None-Match requires. */
    boolean anyWeakMatch(EntityTag current);

    /** {@code *}: matches any current representation. */
    record Any() implements EntityTagList {
        @Override
        public boolean anyStrongMatch(EntityTag current) {
            return true;
        }

        @Override
        public boolean anyWeakMatch(EntityTag current) {
            return true;
        }
    }

    /** A well-formed list, possibly empty (RFC 9110 allows {@code #entity-tag} to have no element). */
    record Tags(List<EntityTag> tags) implements EntityTagList {
        public Tags {
            tags = List.copyOf(tags);
        }

        @Override
        public boolean anyStrongMatch(EntityTag current) {
            return tags.stream().anyMatch(current::strongMatch);
        }

        @Override
        public boolean anyWeakMatch(EntityTag current) {
            return tags.stream().anyMatch(current::weakMatch);
        }
    }

    /** A value that is neither {@code *} nor a list of entity tags; it never matches. */
    record Malformed() implements EntityTagList {
        @Override
        public boolean anyStrongMatch(EntityTag current) {
            return false;
        }

        @Override
        public boolean anyWeakMatch(EntityTag current) {
            return false;
        }
    }

    /** Field lines of one list-based field are one list, as if joined by commas (RFC 9110 section 5.3). */
    static EntityTagList parse(List<String> fieldLines) {
        return parse(String.join(", ", fieldLines));
    }

    static EntityTagList parse(String fieldValue) {
        String value = FieldSyntax.stripOws(fieldValue);
        if (value.equals("*")) {
            return new Any();
        }
        List<EntityTag> tags = new ArrayList<>();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == ',' || FieldSyntax.isOws(c)) {
                i++;
                continue;
            }
            int end = EntityTag.endOf(value, i);
            if (end < 0) {
                return new Malformed();
            }
            tags.add(EntityTag.of(value, i, end));
            i = end;
            while (i < value.length() && FieldSyntax.isOws(value.charAt(i))) {
                i++;
            }
            if (i < value.length() && value.charAt(i) != ',') {
                return new Malformed();
            }
        }
        return new Tags(tags);
    }
}
