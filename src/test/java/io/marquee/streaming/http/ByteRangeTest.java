package io.marquee.streaming.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {

    @ParameterizedTest
    @CsvSource({"0, 0, 1", "5, 9, 5", "500, 999, 500", "0, 9223372036854775806, 9223372036854775807"})
    void lengthCountsBothEnds(long first, long last, long length) {
        assertEquals(length, new ByteRange(first, last).length());
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0, 1, bytes 0-0/1",
        "500, 999, 8000, bytes 500-999/8000",
        "7000, 7999, 8000, bytes 7000-7999/8000"
    })
    void contentRangeNamesTheRangeAndTheWholeLength(long first, long last, long total, String contentRange) {
        assertEquals(contentRange, new ByteRange(first, last).contentRange(total));
    }

    @Test
    void contentRangeRefusesARangeBeyondTheRepresentation() {
        assertThrows(IllegalArgumentException.class, () -> new ByteRange(0, 10).contentRange(10));
    }

    @Test
    void rangeHeaderIsTheCanonicalSingleRangeForTheObjectStore() {
        assertEquals("bytes=500-999", new ByteRange(500, 999).rangeHeader());
    }

    @ParameterizedTest
    @CsvSource({"-1, 5", "5, 4"})
    void refusesNegativeOrReversedPositions(long first, long last) {
        assertThrows(IllegalArgumentException.class, () -> new ByteRange(first, last));
    }
}
