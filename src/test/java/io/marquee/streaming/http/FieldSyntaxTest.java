package io.marquee.streaming.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FieldSyntaxTest {

    @Test
    void stripOwsRemovesSpacesAndTabsAtBothEnds() {
        assertEquals("a b", FieldSyntax.stripOws(" \t a b\t "));
    }

    @Test
    void stripOwsKeepsOtherWhitespace() {
        assertEquals("a\n", FieldSyntax.stripOws("a\n"));
        assertEquals("\u00A0a", FieldSyntax.stripOws("\u00A0a"));
    }

    @Test
    void digitsAreAsciiDecimalOnly() {
        assertTrue(FieldSyntax.isDigits("0123456789"));
        assertFalse(FieldSyntax.isDigits(""));
        assertFalse(FieldSyntax.isDigits("\uFF11"));
        assertFalse(FieldSyntax.isDigits("\u0663"));
        assertFalse(FieldSyntax.isDigits("+1"));
    }

    @Test
    void caseIsIgnoredForAsciiLettersOnly() {
        assertTrue(FieldSyntax.equalsIgnoreAsciiCase("BYTES", "bytes"));
        assertTrue(FieldSyntax.equalsIgnoreAsciiCase("ByTeS", "bytes"));
        assertFalse(FieldSyntax.equalsIgnoreAsciiCase("byte\u017F", "bytes"));
        assertFalse(FieldSyntax.equalsIgnoreAsciiCase("byte", "bytes"));
    }
}
