package io.marquee.streaming.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ByteRequestDecisionTest {

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of(new ByteRequestDecision.NotModified(Precondition.IF_NONE_MATCH), 304),
                Arguments.of(new ByteRequestDecision.PreconditionFailed(Precondition.IF_MATCH), 412),
                Arguments.of(new ByteRequestDecision.BadRequest(), 400),
                Arguments.of(new ByteRequestDecision.RangeNotSatisfiable(10, new RangeSelection.Invalid()), 416),
                Arguments.of(new ByteRequestDecision.Full(), 200),
                Arguments.of(new ByteRequestDecision.Partial(new ByteRange(0, 1)), 206),
                Arguments.of(new ByteRequestDecision.Multipart(List.of(new ByteRange(0, 1), new ByteRange(5, 6))), 206));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void eachDecisionHasItsStatus(ByteRequestDecision decision, int status) {
        assertEquals(status, decision.status());
    }

    @Test
    void notSatisfiableNamesOnlyTheLength() {
        assertEquals("bytes */8000",
                new ByteRequestDecision.RangeNotSatisfiable(8000, new RangeSelection.Unsatisfiable()).contentRange());
    }

    @Test
    void aSingleRangeIsNeverMultipart() {
        assertThrows(IllegalArgumentException.class,
                () -> new ByteRequestDecision.Multipart(List.of(new ByteRange(0, 1))));
    }
}
