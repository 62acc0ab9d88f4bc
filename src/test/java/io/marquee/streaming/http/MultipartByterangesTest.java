package io.marquee.streaming.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartByterangesTest {

    private static final List<ByteRange> TWO_RANGES = List.of(new ByteRange(0, 0), new ByteRange(9, 9));

    /** The body as the endpoint writes it: each part's header block, then that range's bytes, then the close. */
    private static byte[] body(MultipartByteranges multipart, byte[] representation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MultipartByteranges.Part part : multipart.parts()) {
            out.writeBytes(part.headerBytes());
            out.write(representation, (int) part.range().first(), (int) part.range().length());
        }
        out.writeBytes(multipart.closingDelimiterBytes());
        return out.toByteArray();
    }

    @Test
    void framesEachPartWithItsTypeAndRangeAndClosesTheBody() {
        MultipartByteranges multipart = new MultipartByteranges(TWO_RANGES, 10, "text/vtt", "SEPARATES");
        String expected = "\r\n--SEPARATES\r\nContent-Type: text/vtt\r\nContent-Range: bytes 0-0/10\r\n\r\n"
                + "A"
                + "\r\n--SEPARATES\r\nContent-Type: text/vtt\r\nContent-Range: bytes 9-9/10\r\n\r\n"
                + "J"
                + "\r\n--SEPARATES--\r\n";
        byte[] body = body(multipart, "ABCDEFGHIJ".getBytes(StandardCharsets.US_ASCII));
        assertEquals(expected, new String(body, StandardCharsets.US_ASCII));
        assertEquals(expected.length(), multipart.contentLength());
    }

    static Stream<Arguments> rangeSets() {
        return Stream.of(
                Arguments.of(List.of(new ByteRange(0, 0), new ByteRange(4999, 4999)), 5000L),
                Arguments.of(List.of(new ByteRange(4000, 4999), new ByteRange(0, 999)), 5000L),
                Arguments.of(List.of(new ByteRange(0, 99), new ByteRange(200, 299), new ByteRange(1000, 3999)), 5000L),
                Arguments.of(List.of(new ByteRange(0, 0), new ByteRange(2, 2)), 3L));
    }

    @ParameterizedTest
    @MethodSource("rangeSets")
    void contentLengthIsTheLengthOfTheBodyActuallyWritten(List<ByteRange> ranges, long length) {
        byte[] representation = new byte[(int) length];
        new Random(7).nextBytes(representation);
        MultipartByteranges multipart = MultipartByteranges.withRandomBoundary(ranges, length, "video/mp4");
        assertEquals(body(multipart, representation).length, multipart.contentLength());
    }

    @Test
    void contentLengthCountsRangesLongerThanAnInt() {
        long length = 10_000_000_000L;
        List<ByteRange> ranges = List.of(new ByteRange(0, 4_999_999_999L), new ByteRange(6_000_000_000L, length - 1));
        MultipartByteranges multipart = new MultipartByteranges(ranges, length, "video/mp4", "b");
        long headers = multipart.parts().stream().mapToLong(part -> part.headerBytes().length).sum();
        assertEquals(headers + 9_000_000_000L + "\r\n--b--\r\n".length(), multipart.contentLength());
    }

    @Test
    void keepsTheRangesInTheOrderGiven() {
        List<ByteRange> ranges = List.of(new ByteRange(900, 999), new ByteRange(0, 99));
        MultipartByteranges multipart = new MultipartByteranges(ranges, 1000, "video/mp4", "b");
        assertEquals(ranges, multipart.parts().stream().map(MultipartByteranges.Part::range).toList());
        assertTrue(multipart.parts().get(0).header().endsWith("Content-Range: bytes 900-999/1000\r\n\r\n"));
    }

    @Test
    void responseContentTypeNamesTheBoundary() {
        MultipartByteranges multipart = new MultipartByteranges(TWO_RANGES, 10, "video/mp4", "3d6b6a416f9b5");
        assertEquals("multipart/byteranges; boundary=3d6b6a416f9b5", multipart.contentType());
    }

    @Test
    void aRandomBoundaryIsThirtyTwoHexDigitsAndFreshEachTime() {
        String first = MultipartByteranges.withRandomBoundary(TWO_RANGES, 10, "video/mp4").boundary();
        String second = MultipartByteranges.withRandomBoundary(TWO_RANGES, 10, "video/mp4").boundary();
        assertTrue(first.matches("[0-9a-f]{32}"), first);
        assertNotEquals(first, second);
    }

    @Test
    void headerBlocksAreAscii() {
        MultipartByteranges multipart = new MultipartByteranges(TWO_RANGES, 10, "image/jpeg", "b");
        assertArrayEquals(multipart.parts().get(1).header().getBytes(StandardCharsets.US_ASCII),
                multipart.parts().get(1).headerBytes());
        assertArrayEquals("\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII), multipart.closingDelimiterBytes());
    }

    @Test
    void acceptsABoundaryOfSeventyCharacters() {
        String boundary = "a".repeat(70);
        assertEquals(boundary, new MultipartByteranges(TWO_RANGES, 10, "video/mp4", boundary).boundary());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a\r\nb", "a\"b", "a;b", "a/b", "\u00E9"})
    void refusesABoundaryThatWouldNeedQuotingOrBreakTheFraming(String boundary) {
        assertThrows(IllegalArgumentException.class,
                () -> new MultipartByteranges(TWO_RANGES, 10, "video/mp4", boundary));
    }

    @Test
    void refusesABoundaryLongerThanSeventyCharacters() {
        assertThrows(IllegalArgumentException.class,
                () -> new MultipartByteranges(TWO_RANGES, 10, "video/mp4", "a".repeat(71)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "video/mp4\r\nX-Injected: 1", "text/vtt\n", "video/mp4\u0000", "vid\u00E9o/mp4"})
    void refusesAContentTypeThatWouldBreakThePartHeaders(String contentType) {
        assertThrows(IllegalArgumentException.class,
                () -> new MultipartByteranges(TWO_RANGES, 10, contentType, "b"));
    }

    @Test
    void aSingleRangeIsNeverMultipart() {
        assertThrows(IllegalArgumentException.class,
                () -> new MultipartByteranges(List.of(new ByteRange(0, 1)), 10, "video/mp4", "b"));
    }

    @Test
    void refusesARangeBeyondTheRepresentation() {
        List<ByteRange> ranges = Arrays.asList(new ByteRange(0, 1), new ByteRange(5, 10));
        assertThrows(IllegalArgumentException.class, () -> new MultipartByteranges(ranges, 10, "video/mp4", "b"));
    }
}
