package io.marquee.streaming.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Syntax and resolution of Range; the coalescing and complexity policies are in {@link ByteRangePolicyTest}. */
class ByteRangeParserTest {

    static RangeSelection parse(String fieldValue, long length) {
        return ByteRangeParser.parse(List.of(fieldValue), length);
    }

    /** {@code "0-5,10-15"} as the Satisfiable selection of those ranges, in that order. */
    static RangeSelection satisfiable(String ranges) {
        return new RangeSelection.Satisfiable(Arrays.stream(ranges.split(","))
                .map(range -> range.split("-"))
                .map(bounds -> new ByteRange(Long.parseLong(bounds[0]), Long.parseLong(bounds[1])))
                .toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bytes=0-499                          | 1000  | 0-499",
        "bytes=500-999                        | 1000  | 500-999",
        "bytes=-500                           | 1000  | 500-999",
        "bytes=9500-                          | 10000 | 9500-9999",
        "bytes=0-                             | 1000  | 0-999",
        "bytes=999-999                        | 1000  | 999-999",
        "bytes=0005-0010                      | 1000  | 5-10",
        "bytes=000000000000000000000000001-2  | 1000  | 1-2",
        "bytes=0-0,-1                         | 10000 | 0-0,9999-9999",
        "bytes=900-999,0-99                   | 1000  | 900-999,0-99",
        "BYTES=0-4                            | 1000  | 0-4",
        "Bytes=0-4                            | 1000  | 0-4",
        "bYtEs=0-4                            | 1000  | 0-4"
    })
    void resolvesEachSpecForm(String fieldValue, long length, String ranges) {
        assertEquals(satisfiable(ranges), parse(fieldValue, length));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bytes=0-1000                          | 1000 | 0-999",
        "bytes=0-99999                         | 1000 | 0-999",
        "bytes=500-9223372036854775807         | 1000 | 500-999",
        "bytes=500-9223372036854775808         | 1000 | 500-999",
        "bytes=0-99999999999999999999999999999 | 1000 | 0-999"
    })
    void clampsLastToTheEndIncludingNumbersTooLargeForALong(String fieldValue, long length, String ranges) {
        assertEquals(satisfiable(ranges), parse(fieldValue, length));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bytes=-1000                  | 1000 | 0-999",
        "bytes=-1001                  | 1000 | 0-999",
        "bytes=-99999999999999999999  | 1000 | 0-999",
        "bytes=-5                     | 1    | 0-0"
    })
    void aSuffixAtLeastTheLengthIsTheWholeObject(String fieldValue, long length, String ranges) {
        assertEquals(satisfiable(ranges), parse(fieldValue, length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-0", "bytes=0-", "bytes=-1", "bytes=0-5", "bytes=-2"})
    void aOneByteObjectServesItsOnlyByte(String fieldValue) {
        assertEquals(satisfiable("0-0"), parse(fieldValue, 1));
    }

    static Stream<Arguments> whitespaceAndEmptyElements() {
        return Stream.of(
                Arguments.of(" bytes=0-4 ", "0-4"),
                Arguments.of("\tbytes=0-4\t", "0-4"),
                Arguments.of("bytes= 0-4 , 10-14 ", "0-4,10-14"),
                Arguments.of("bytes=\t0-4\t,\t10-14\t", "0-4,10-14"),
                Arguments.of("bytes=0-5,,10-15", "0-5,10-15"),
                Arguments.of("bytes=,0-5", "0-5"),
                Arguments.of("bytes=0-5,", "0-5"),
                Arguments.of("bytes=0-5, ,\t,10-15", "0-5,10-15"));
    }

    @ParameterizedTest
    @MethodSource("whitespaceAndEmptyElements")
    void allowsWhitespaceAroundItemsAndIgnoresEmptyElements(String fieldValue, String ranges) {
        assertEquals(satisfiable(ranges), parse(fieldValue, 1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "bytes=", "bytes= ", "bytes=,", "bytes=, ,",
        "bytes=abc", "bytes=5-2", "bytes=-", "bytes=+5-10", "bytes=0x10-", "bytes=5", "bytes=--5", "bytes=-+5",
        "bytes=1-2-3", "bytes=0--5", "bytes=-5-", "bytes=0 - 5", "bytes=0- 5", "bytes=- 5", "bytes=0-5;",
        "bytes=-5.0", "bytes=1e3-", "bytes=\uFF11-2", "bytes=\u0663-5", "bytes=0-\n5",
        "bytes=9223372036854775808-", "bytes=99999999999999999999-5", "bytes=99999999999999999999-",
        "bytes=0-5,abc", "bytes=abc,0-5", "bytes=0-5,5-2", "bytes=2000-,abc", "bytes=-0,-"
    })
    void anySyntacticallyInvalidSpecMakesTheWholeHeaderInvalid(String fieldValue) {
        assertEquals(new RangeSelection.Invalid(), parse(fieldValue, 1000));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bytes=1000-                   | 1000",
        "bytes=1000-2000               | 1000",
        "bytes=-0                      | 1000",
        "bytes=-0,1000-,5000-6000      | 1000",
        "bytes=9223372036854775807-    | 1000",
        "bytes=1-                      | 1",
        "bytes=-0                      | 1"
    })
    void noSatisfiableSpecIsUnsatisfiable(String fieldValue, long length) {
        assertEquals(new RangeSelection.Unsatisfiable(), parse(fieldValue, length));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bytes=0-4,2000-3000  | 0-4",
        "bytes=-0,0-4         | 0-4",
        "bytes=1000-,-10      | 990-999"
    })
    void unsatisfiableSpecsAreDroppedFromAList(String fieldValue, String ranges) {
        assertEquals(satisfiable(ranges), parse(fieldValue, 1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"items=0-5", "none", "bytes 0-5", "0-5", "=0-5", "bytes =0-5", "bytesx=0-5", "byte=0-5"})
    void aUnitOtherThanBytesIsIgnored(String fieldValue) {
        assertEquals(new RangeSelection.Absent(), parse(fieldValue, 1000));
    }

    @Test
    void noRangeFieldIsAbsent() {
        assertEquals(new RangeSelection.Absent(), ByteRangeParser.parse(List.of(), 1000));
        assertEquals(new RangeSelection.Absent(), ByteRangeParser.parse(null, 1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-5", "bytes=-5", "bytes=0-", "bytes=abc", "bytes=", "bytes=1-"})
    void anEmptyRepresentationIgnoresRange(String fieldValue) {
        assertEquals(new RangeSelection.Absent(), parse(fieldValue, 0));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1000})
    void twoOrMoreFieldLinesAreMalformedWhateverTheLength(long length) {
        assertEquals(new RangeSelection.Malformed(), ByteRangeParser.parse(List.of("bytes=0-5", "bytes=10-15"), length));
        assertEquals(new RangeSelection.Malformed(), ByteRangeParser.parse(List.of("bytes=0-5", "bytes=0-5"), length));
        assertEquals(new RangeSelection.Malformed(), ByteRangeParser.parse(List.of("bytes=0-5", "", "x"), length));
    }
}
