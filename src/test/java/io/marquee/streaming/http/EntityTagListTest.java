package io.marquee.streaming.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntityTagListTest {

    private static final EntityTag CURRENT = new EntityTag("v1", false);

    @ParameterizedTest
    @ValueSource(strings = {"*", " * ", "\t*"})
    void starIsAny(String value) {
        assertInstanceOf(EntityTagList.Any.class, EntityTagList.parse(value));
    }

    static Stream<Arguments> lists() {
        return Stream.of(
                Arguments.of("\"a\"", "\"a\""),
                Arguments.of("\"a\", \"b\"", "\"a\" \"b\""),
                Arguments.of("\"a\",\"b\"", "\"a\" \"b\""),
                Arguments.of("\"a\" ,\t\"b\"", "\"a\" \"b\""),
                Arguments.of("W/\"a\", \"b\"", "W/\"a\" \"b\""),
                Arguments.of("\"a\",,\"b\"", "\"a\" \"b\""),
                Arguments.of(", \"a\" ,", "\"a\""),
                Arguments.of("\"a,b\"", "\"a,b\""),
                Arguments.of("\"*\"", "\"*\""),
                Arguments.of("", ""),
                Arguments.of(" , ", ""));
    }

    @ParameterizedTest
    @MethodSource("lists")
    void readsCommaSeparatedTagsIgnoringEmptyElementsAndWhitespace(String value, String tags) {
        List<EntityTag> expected = tags.isEmpty() ? List.of()
                : Arrays.stream(tags.split(" ")).map(tag -> EntityTag.parse(tag).orElseThrow()).toList();
        assertEquals(new EntityTagList.Tags(expected), EntityTagList.parse(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*, \"a\"", "\"a\", *", "**", "a", "\"a\" \"b\"", "\"a", "W/a", "\"a\";", "v1", "W/ \"v1\""})
    void anythingElseIsMalformed(String value) {
        assertInstanceOf(EntityTagList.Malformed.class, EntityTagList.parse(value));
    }

    @Test
    void fieldLinesAreOneList() {
        assertEquals(new EntityTagList.Tags(List.of(new EntityTag("a", false), CURRENT)),
                EntityTagList.parse(List.of("\"a\"", "\"v1\"")));
        assertInstanceOf(EntityTagList.Malformed.class, EntityTagList.parse(List.of("*", "\"a\"")));
    }

    @Test
    void anyMatchesUnderBothComparisons() {
        assertTrue(new EntityTagList.Any().anyStrongMatch(CURRENT));
        assertTrue(new EntityTagList.Any().anyWeakMatch(CURRENT));
    }

    @Test
    void aListedWeakTagMatchesOnlyUnderWeakComparison() {
        EntityTagList list = EntityTagList.parse("\"other\", W/\"v1\"");
        assertFalse(list.anyStrongMatch(CURRENT));
        assertTrue(list.anyWeakMatch(CURRENT));
    }

    @Test
    void aListedStrongTagMatchesUnderBothComparisons() {
        EntityTagList list = EntityTagList.parse("\"other\", \"v1\"");
        assertTrue(list.anyStrongMatch(CURRENT));
        assertTrue(list.anyWeakMatch(CURRENT));
    }

    @Test
    void aListWithoutTheCurrentTagDoesNotMatch() {
        EntityTagList list = EntityTagList.parse("\"v0\", W/\"v2\"");
        assertFalse(list.anyStrongMatch(CURRENT));
        assertFalse(list.anyWeakMatch(CURRENT));
    }

    @Test
    void anEmptyListNeverMatches() {
        assertFalse(EntityTagList.parse("").anyStrongMatch(CURRENT));
        assertFalse(EntityTagList.parse("").anyWeakMatch(CURRENT));
    }

    @Test
    void aMalformedValueNeverMatchesEvenWhenItContainsTheCurrentTag() {
        EntityTagList list = EntityTagList.parse("\"v1\" junk");
        assertInstanceOf(EntityTagList.Malformed.class, list);
        assertFalse(list.anyStrongMatch(CURRENT));
        assertFalse(list.anyWeakMatch(CURRENT));
    }
}
