package io.marquee.streaming.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marquee.streaming.http.ByteRequestDecision.BadRequest;
import io.marquee.streaming.http.ByteRequestDecision.Full;
import io.marquee.streaming.http.ByteRequestDecision.Multipart;
import io.marquee.streaming.http.ByteRequestDecision.NotModified;
import io.marquee.streaming.http.ByteRequestDecision.Partial;
import io.marquee.streaming.http.ByteRequestDecision.PreconditionFailed;
import io.marquee.streaming.http.ByteRequestDecision.RangeNotSatisfiable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario is evaluated for GET and for HEAD, which must be answered alike. */
class ByteRequestEvaluatorTest {

    private static final String ETAG = "\"9b2cf535f27731c974343645a3985328\"";
    private static final String WEAK_ETAG = "W/" + ETAG;
    private static final String OTHER_ETAG = "\"0f343b0931126a20f133d67c2b018a3b\"";
    private static final long LENGTH = 10_000;
    private static final Representation OBJECT =
            Representation.of(ETAG, Instant.parse("2024-03-01T12:00:00.250Z"), LENGTH);

    private static final String LAST_MODIFIED = "Fri, 01 Mar 2024 12:00:00 GMT";
    private static final String LAST_MODIFIED_RFC850 = "Friday, 01-Mar-24 12:00:00 GMT";
    private static final String LAST_MODIFIED_ASCTIME = "Fri Mar  1 12:00:00 2024";
    private static final String SECOND_BEFORE = "Fri, 01 Mar 2024 11:59:59 GMT";
    private static final String SECOND_BEFORE_RFC850 = "Friday, 01-Mar-24 11:59:59 GMT";
    private static final String SECOND_BEFORE_ASCTIME = "Fri Mar  1 11:59:59 2024";
    private static final String SECOND_AFTER = "Fri, 01 Mar 2024 12:00:01 GMT";
    private static final String NOT_A_DATE = "2024-03-01T12:00:00Z";

    private static final ByteRequestDecision FULL = new Full();
    private static final ByteRequestDecision IF_MATCH_FAILED = new PreconditionFailed(Precondition.IF_MATCH);
    private static final ByteRequestDecision UNMODIFIED_SINCE_FAILED =
            new PreconditionFailed(Precondition.IF_UNMODIFIED_SINCE);
    private static final ByteRequestDecision NONE_MATCH_MATCHED = new NotModified(Precondition.IF_NONE_MATCH);
    private static final ByteRequestDecision NOT_MODIFIED_SINCE = new NotModified(Precondition.IF_MODIFIED_SINCE);
    private static final ByteRequestDecision FIRST_500 = new Partial(new ByteRange(0, 499));

    /** Name and value pairs; a repeated name is a second field line. */
    private static ByteRequest request(ByteRequest.Method method, String... fields) {
        Map<String, List<String>> lines = new HashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            lines.computeIfAbsent(fields[i], name -> new ArrayList<>()).add(fields[i + 1]);
        }
        return ByteRequest.of(method.name(), lines::get);
    }

    private static Arguments scenario(ByteRequestDecision expected, String... fields) {
        return Arguments.of(fields.length == 0 ? "no fields" : String.join(" ", fields), fields, expected);
    }

    static Stream<Arguments> ifMatchThenIfUnmodifiedSince() {
        return Stream.of(
                scenario(FULL, "If-Match", ETAG),
                scenario(FULL, "If-Match", "*"),
                scenario(FULL, "If-Match", OTHER_ETAG + ", " + ETAG),
                scenario(FULL, "If-Match", OTHER_ETAG, "If-Match", ETAG),
                scenario(IF_MATCH_FAILED, "If-Match", OTHER_ETAG),
                scenario(IF_MATCH_FAILED, "If-Match", WEAK_ETAG),
                scenario(IF_MATCH_FAILED, "If-Match", ETAG.replace("\"", "")),
                scenario(IF_MATCH_FAILED, "If-Match", ETAG + " junk"),
                scenario(IF_MATCH_FAILED, "If-Match", ""),
                scenario(FULL, "If-Match", ETAG, "If-Unmodified-Since", SECOND_BEFORE),
                scenario(IF_MATCH_FAILED, "If-Match", OTHER_ETAG, "If-Unmodified-Since", SECOND_AFTER),
                scenario(FULL, "If-Unmodified-Since", LAST_MODIFIED),
                scenario(FULL, "If-Unmodified-Since", SECOND_AFTER),
                scenario(UNMODIFIED_SINCE_FAILED, "If-Unmodified-Since", SECOND_BEFORE),
                scenario(UNMODIFIED_SINCE_FAILED, "If-Unmodified-Since", SECOND_BEFORE_RFC850),
                scenario(UNMODIFIED_SINCE_FAILED, "If-Unmodified-Since", SECOND_BEFORE_ASCTIME),
                scenario(FULL, "If-Unmodified-Since", LAST_MODIFIED_RFC850),
                scenario(FULL, "If-Unmodified-Since", NOT_A_DATE),
                scenario(FULL, "If-Unmodified-Since", SECOND_BEFORE, "If-Unmodified-Since", SECOND_BEFORE));
    }

    static Stream<Arguments> ifNoneMatchThenIfModifiedSince() {
        return Stream.of(
                scenario(NONE_MATCH_MATCHED, "If-None-Match", ETAG),
                scenario(NONE_MATCH_MATCHED, "If-None-Match", WEAK_ETAG),
                scenario(NONE_MATCH_MATCHED, "If-None-Match", "*"),
                scenario(NONE_MATCH_MATCHED, "If-None-Match", OTHER_ETAG + ",\t" + WEAK_ETAG),
                scenario(FULL, "If-None-Match", OTHER_ETAG),
                scenario(FULL, "If-None-Match", ETAG.replace("\"", "")),
                scenario(FULL, "If-None-Match", OTHER_ETAG, "If-Modified-Since", SECOND_AFTER),
                scenario(FULL, "If-None-Match", "junk", "If-Modified-Since", SECOND_AFTER),
                scenario(NOT_MODIFIED_SINCE, "If-Modified-Since", LAST_MODIFIED),
                scenario(NOT_MODIFIED_SINCE, "If-Modified-Since", SECOND_AFTER),
                scenario(NOT_MODIFIED_SINCE, "If-Modified-Since", LAST_MODIFIED_RFC850),
                scenario(NOT_MODIFIED_SINCE, "If-Modified-Since", LAST_MODIFIED_ASCTIME),
                scenario(FULL, "If-Modified-Since", SECOND_BEFORE),
                scenario(FULL, "If-Modified-Since", NOT_A_DATE),
                scenario(FULL, "If-Modified-Since", LAST_MODIFIED, "If-Modified-Since", LAST_MODIFIED));
    }

    static Stream<Arguments> preconditionsComeFirst() {
        return Stream.of(
                scenario(IF_MATCH_FAILED, "If-Match", OTHER_ETAG, "If-None-Match", ETAG),
                scenario(UNMODIFIED_SINCE_FAILED, "If-Unmodified-Since", SECOND_BEFORE, "If-Modified-Since", SECOND_AFTER),
                scenario(IF_MATCH_FAILED, "If-Match", OTHER_ETAG, "Range", "bytes=abc"),
                scenario(IF_MATCH_FAILED, "If-Match", OTHER_ETAG, "Range", "bytes=0-1", "Range", "bytes=2-3"),
                scenario(UNMODIFIED_SINCE_FAILED, "If-Unmodified-Since", SECOND_BEFORE, "Range", "bytes=0-499"),
                scenario(NONE_MATCH_MATCHED, "If-None-Match", ETAG, "Range", "bytes=0-499"),
                scenario(NONE_MATCH_MATCHED, "If-None-Match", ETAG, "Range", "bytes=20000-"),
                scenario(NONE_MATCH_MATCHED, "If-None-Match", ETAG, "Range", "bytes=0-1", "Range", "bytes=2-3"),
                scenario(NOT_MODIFIED_SINCE, "If-Modified-Since", LAST_MODIFIED, "Range", "bytes=abc"),
                scenario(NONE_MATCH_MATCHED, "If-Match", ETAG, "If-None-Match", ETAG));
    }

    static Stream<Arguments> ifRange() {
        return Stream.of(
                scenario(FIRST_500, "If-Range", ETAG, "Range", "bytes=0-499"),
                scenario(FIRST_500, "If-Range", " " + ETAG + " ", "Range", "bytes=0-499"),
                scenario(FULL, "If-Range", WEAK_ETAG, "Range", "bytes=0-499"),
                scenario(FULL, "If-Range", OTHER_ETAG, "Range", "bytes=0-499"),
                scenario(FULL, "If-Range", ETAG + ", " + OTHER_ETAG, "Range", "bytes=0-499"),
                scenario(FULL, "If-Range", "\"9b2cf535", "Range", "bytes=0-499"),
                scenario(FULL, "If-Range", "*", "Range", "bytes=0-499"),
                scenario(FIRST_500, "If-Range", LAST_MODIFIED, "Range", "bytes=0-499"),
                scenario(FIRST_500, "If-Range", LAST_MODIFIED_RFC850, "Range", "bytes=0-499"),
                scenario(FIRST_500, "If-Range", LAST_MODIFIED_ASCTIME, "Range", "bytes=0-499"),
                scenario(FULL, "If-Range", SECOND_AFTER, "Range", "bytes=0-499"),
                scenario(FULL, "If-Range", SECOND_BEFORE, "Range", "bytes=0-499"),
                scenario(FULL, "If-Range", NOT_A_DATE, "Range", "bytes=0-499"),
                scenario(FULL, "If-Range", ETAG, "If-Range", ETAG, "Range", "bytes=0-499"),
                scenario(FULL, "If-Range", OTHER_ETAG),
                scenario(FULL, "If-Range", OTHER_ETAG, "Range", "bytes=20000-"),
                scenario(FULL, "If-Range", OTHER_ETAG, "Range", "bytes=abc"),
                scenario(FULL, "If-Range", OTHER_ETAG, "Range", "bytes=0-1", "Range", "bytes=2-3"),
                scenario(new BadRequest(), "If-Range", ETAG, "Range", "bytes=0-1", "Range", "bytes=2-3"),
                scenario(FIRST_500, "If-Match", ETAG, "If-None-Match", OTHER_ETAG, "If-Range", ETAG,
                        "Range", "bytes=0-499"));
    }

    static Stream<Arguments> range() {
        return Stream.of(
                scenario(FULL),
                scenario(FIRST_500, "Range", "bytes=0-499"),
                scenario(new Partial(new ByteRange(9500, 9999)), "Range", "bytes=-500"),
                scenario(new Partial(new ByteRange(0, 9999)), "Range", "bytes=0-"),
                scenario(new Multipart(List.of(new ByteRange(0, 0), new ByteRange(9999, 9999))), "Range", "bytes=0-0,-1"),
                scenario(new Multipart(List.of(new ByteRange(900, 999), new ByteRange(0, 99))),
                        "Range", "bytes=900-999,0-99"),
                scenario(new Partial(new ByteRange(0, 15)), "Range", "bytes=0-10,5-15"),
                scenario(new Partial(new ByteRange(0, 29)), "Range", "bytes=0-9,10-19,20-29"),
                scenario(FULL, "Range", "items=0-5"),
                scenario(new BadRequest(), "Range", "bytes=0-5", "Range", "bytes=10-15"),
                scenario(notSatisfiable(new RangeSelection.Invalid()), "Range", "bytes=abc"),
                scenario(notSatisfiable(new RangeSelection.Invalid()), "Range", "bytes="),
                scenario(notSatisfiable(new RangeSelection.Unsatisfiable()), "Range", "bytes=10000-"),
                scenario(notSatisfiable(new RangeSelection.Unsatisfiable()), "Range", "bytes=-0"),
                scenario(notSatisfiable(new RangeSelection.TooComplex(RangeSelection.Limit.OVERLAPPING_SPECS)),
                        "Range", "bytes=0-10,5-15,8-20"),
                scenario(notSatisfiable(new RangeSelection.TooComplex(RangeSelection.Limit.TOTAL_LENGTH)),
                        "Range", "bytes=0-,-1"));
    }

    private static RangeNotSatisfiable notSatisfiable(RangeSelection.Rejected rejection) {
        return new RangeNotSatisfiable(LENGTH, rejection);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"ifMatchThenIfUnmodifiedSince", "ifNoneMatchThenIfModifiedSince", "preconditionsComeFirst",
        "ifRange", "range"})
    void getAndHeadAreDecidedInTheOrderOfRangeRules(String name, String[] fields, ByteRequestDecision expected) {
        assertEquals(expected, ByteRequestEvaluator.evaluate(request(ByteRequest.Method.GET, fields), OBJECT));
        assertEquals(expected, ByteRequestEvaluator.evaluate(request(ByteRequest.Method.HEAD, fields), OBJECT));
    }

    @Test
    void anEmptyRepresentationIgnoresRange() {
        Representation empty = Representation.of(ETAG, Instant.parse("2024-03-01T12:00:00Z"), 0);
        assertEquals(FULL, ByteRequestEvaluator.evaluate(request(ByteRequest.Method.GET, "Range", "bytes=0-5"), empty));
        assertEquals(FULL, ByteRequestEvaluator.evaluate(request(ByteRequest.Method.GET, "Range", "bytes=-5"), empty));
    }

    @Test
    void aOneByteRepresentationServesItsByteAndRefusesTheNext() {
        Representation oneByte = Representation.of(ETAG, Instant.parse("2024-03-01T12:00:00Z"), 1);
        assertEquals(new Partial(new ByteRange(0, 0)),
                ByteRequestEvaluator.evaluate(request(ByteRequest.Method.GET, "Range", "bytes=-5"), oneByte));
        assertEquals(new RangeNotSatisfiable(1, new RangeSelection.Unsatisfiable()),
                ByteRequestEvaluator.evaluate(request(ByteRequest.Method.GET, "Range", "bytes=1-"), oneByte));
    }
}
