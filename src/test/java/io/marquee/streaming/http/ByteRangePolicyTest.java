package io.marquee.streaming.http;

import static io.marquee.streaming.http.ByteRangeParserTest.parse;
import static io.marquee.streaming.http.ByteRangeParserTest.satisfiable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The coalescing and complexity policies of {@link ByteRangeParser}. */
class ByteRangePolicyTest {

    private static final RangeSelection TOO_MANY_OVERLAPPING =
            new RangeSelection.TooComplex(RangeSelection.Limit.OVERLAPPING_SPECS);
    private static final RangeSelection MORE_THAN_THE_LENGTH =
            new RangeSelection.TooComplex(RangeSelection.Limit.TOTAL_LENGTH);
    private static final RangeSelection TOO_MANY_RANGES =
            new RangeSelection.TooComplex(RangeSelection.Limit.RANGE_COUNT);

    /** {@code count} one-byte specs with a gap of one byte between them, so none overlap or touch. */
    private static String disjointSpecs(int count) {
        return "bytes=" + IntStream.range(0, count)
                .mapToObj(i -> (2 * i) + "-" + (2 * i))
                .collect(Collectors.joining(","));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bytes=0-10,5-15           | 0-15",
        "bytes=5-15,0-10           | 0-15",
        "bytes=0-10,0-10           | 0-10",
        "bytes=0-99,10-20          | 0-99",
        "bytes=900-,-50            | 900-999",
        "bytes=0-10,5-15,500-600   | 0-15,500-600"
    })
    void twoOverlappingSpecsAreCoalesced(String fieldValue, String ranges) {
        assertEquals(satisfiable(ranges), parse(fieldValue, 1000));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bytes=500-600,601-999          | 500-999",
        "bytes=601-999,500-600          | 500-999",
        "bytes=0-9,10-19,20-29,30-39    | 0-39",
        "bytes=0-0,2-2,1-1              | 0-2",
        "bytes=0-499,-500               | 0-999"
    })
    void adjacentSpecsAreCoalescedWithoutCountingAsOverlapping(String fieldValue, String ranges) {
        assertEquals(satisfiable(ranges), parse(fieldValue, 1000));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bytes=50-59,0-9,10-19   | 50-59,0-19",
        "bytes=50-59,10-19,0-9   | 50-59,0-19",
        "bytes=10-19,50-59,0-9   | 0-19,50-59",
        "bytes=70-79,0-5,40-49,3-9 | 70-79,0-9,40-49"
    })
    void aCoalescedRangeTakesThePlaceOfItsEarliestSpec(String fieldValue, String ranges) {
        assertEquals(satisfiable(ranges), parse(fieldValue, 1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "bytes=0-10,5-15,8-20",
        "bytes=0-10,10-20,20-30",
        "bytes=0-0,0-0,0-0",
        "bytes=0-100,10-20,50-60",
        "bytes=0-10,5-15,100-110,105-115",
        "bytes=-10,990-,995-995"
    })
    void moreThanTwoOverlappingSpecsAreTooComplex(String fieldValue) {
        assertEquals(TOO_MANY_OVERLAPPING, parse(fieldValue, 1000));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bytes=0-5,3-9   | 10",
        "bytes=0-,0-     | 10",
        "bytes=0-,-1     | 10",
        "bytes=-10,0-    | 10",
        "bytes=0-9,9-9   | 10"
    })
    void specsAddingUpToMoreThanTheLengthAreTooComplex(String fieldValue, long length) {
        assertEquals(MORE_THAN_THE_LENGTH, parse(fieldValue, length));
    }

    @Test
    void specsAddingUpToExactlyTheLengthAreServed() {
        assertEquals(satisfiable("0-6"), parse("bytes=0-5,3-6", 10));
    }

    @Test
    void sixteenRangesAreServed() {
        RangeSelection selection = parse(disjointSpecs(16), 1000);
        assertEquals(16, ((RangeSelection.Satisfiable) selection).ranges().size());
    }

    @Test
    void seventeenRangesAreTooComplex() {
        assertEquals(TOO_MANY_RANGES, parse(disjointSpecs(17), 1000));
    }

    @Test
    void seventeenSpecsThatCoalesceIntoSixteenAreServed() {
        RangeSelection selection = parse(disjointSpecs(16) + ",31-31", 1000);
        assertEquals(16, ((RangeSelection.Satisfiable) selection).ranges().size());
    }

    @Test
    void unsatisfiableSpecsDoNotCountTowardsTheLimits() {
        assertEquals(satisfiable("0-0"), parse("bytes=0-0,5000-,5000-,5000-", 1000));
    }

    @Test
    void manyAdjacentSpecsBecomeOneRange() {
        String specs = IntStream.range(0, 1000).mapToObj(i -> i + "-" + i).collect(Collectors.joining(","));
        assertEquals(satisfiable("0-999"), parse("bytes=" + specs, 1000));
    }

    /** Whatever the request, a served selection is disjoint, non-adjacent, within L, at most 16 ranges and L bytes. */
    @Test
    void aServedSelectionNeverExceedsTheRepresentation() {
        Random random = new Random(20240301);
        int served = 0;
        for (int request = 0; request < 2000; request++) {
            long length = 1 + random.nextInt(2000);
            String header = "bytes=" + IntStream.range(0, 1 + random.nextInt(random.nextBoolean() ? 4 : 24))
                    .mapToObj(i -> randomSpec(random, length))
                    .collect(Collectors.joining(","));
            if (parse(header, length) instanceof RangeSelection.Satisfiable satisfiable) {
                served++;
                assertWithinRepresentation(satisfiable.ranges(), length, header);
            }
        }
        assertTrue(served > 500, "only " + served + " random requests were served");
    }

    private static void assertWithinRepresentation(List<ByteRange> ranges, long length, String header) {
        List<ByteRange> sorted = ranges.stream().sorted(Comparator.comparingLong(ByteRange::first)).toList();
        assertTrue(sorted.size() <= ByteRangeParser.MAX_RANGES, header);
        assertTrue(sorted.get(sorted.size() - 1).last() < length, header);
        for (int i = 1; i < sorted.size(); i++) {
            assertTrue(sorted.get(i).first() > sorted.get(i - 1).last() + 1, header);
        }
        assertTrue(sorted.stream().mapToLong(ByteRange::length).sum() <= length, header);
    }

    private static String randomSpec(Random random, long length) {
        long first = random.nextInt((int) length + 20);
        int form = random.nextInt(6);
        if (form == 0) {
            return first + "-";
        }
        if (form == 1) {
            return "-" + random.nextInt(random.nextBoolean() ? 20 : (int) length + 20);
        }
        return first + "-" + (first + random.nextInt(20));
    }
}
