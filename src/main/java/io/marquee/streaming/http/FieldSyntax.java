package io.marquee.streaming.http;

/** Lexical rules shared by the header fields in this package (RFC 9110 section 5.6). */
final class FieldSyntax {

    private FieldSyntax() {
    }

    static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    /** Removes optional whitespace (space and tab only, never other Unicode whitespace) from both ends. */
    static String stripOws(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isOws(value.charAt(start))) {
            start++;
        }
        while (end > start && isOws(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    static boolean isDigits(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** ASCII-only, so that no Unicode case folding can turn another unit name into {@code bytes}. */
    static boolean equalsIgnoreAsciiCase(String value, String lowerCaseExpected) {
        if (value.length() != lowerCaseExpected.length()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower != lowerCaseExpected.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
