package io.marquee.streaming.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntityTagTest {

    static Stream<Arguments> wellFormed() {
        return Stream.of(
                Arguments.of("\"9b2cf535f27731c974343645a3985328\"", "9b2cf535f27731c974343645a3985328", false),
                Arguments.of("\"9b2cf535f27731c974343645a3985328-12\"", "9b2cf535f27731c974343645a3985328-12", false),
                Arguments.of("W/\"abc\"", "abc", true),
                Arguments.of("\"\"", "", false),
                Arguments.of(" \t\"abc\"\t ", "abc", false),
                Arguments.of("\"a,b\"", "a,b", false),
                Arguments.of("\"!#~\u00E9\"", "!#~\u00E9", false));
    }

    @ParameterizedTest
    @MethodSource("wellFormed")
    void parsesOneQuotedTag(String value, String opaqueTag, boolean weak) {
        assertEquals(Optional.of(new EntityTag(opaqueTag, weak)), EntityTag.parse(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "\"abc", "abc\"", "w/\"abc\"", "W/abc", "W/ \"abc\"", "\"a\"b\"", "\"a b\"",
        "\"abc\" x", "\"a\", \"b\"", "*", "\"a\u0001\"", "\"a\u007F\"", "\"a\u0100\""})
    void rejectsAnythingButOneQuotedTag(String value) {
        assertEquals(Optional.empty(), EntityTag.parse(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "W/\"abc\"", "\"\""})
    void toStringGivesTheQuotedForm(String value) {
        assertEquals(value, EntityTag.parse(value).orElseThrow().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'\"a\"'   | '\"a\"'   | true  | true",
        "'W/\"a\"' | '\"a\"'   | false | true",
        "'\"a\"'   | 'W/\"a\"' | false | true",
        "'W/\"a\"' | 'W/\"a\"' | false | true",
        "'\"a\"'   | '\"b\"'   | false | false",
        "'W/\"a\"' | 'W/\"b\"' | false | false"
    })
    void strongComparisonNeedsTwoStrongTagsWeakComparisonOnlyTheOpaqueTag(
            String left, String right, boolean strong, boolean weak) {
        EntityTag a = EntityTag.parse(left).orElseThrow();
        EntityTag b = EntityTag.parse(right).orElseThrow();
        assertEquals(strong, a.strongMatch(b));
        assertEquals(weak, a.weakMatch(b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\"b", "a b", "a\tb", "a\rb"})
    void refusesAnOpaqueTagThatCannotBeQuoted(String opaqueTag) {
        assertThrows(IllegalArgumentException.class, () -> new EntityTag(opaqueTag, false));
    }

    @Test
    void parseListReadsAConditionField() {
        assertInstanceOf(EntityTagList.Any.class, EntityTag.parseList("*"));
        assertTrue(EntityTag.parseList("\"x\", \"abc\"").anyStrongMatch(new EntityTag("abc", false)));
    }
}
