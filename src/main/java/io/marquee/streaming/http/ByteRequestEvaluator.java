package io.marquee.streaming.http;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates the preconditions and Range of a byte request in the order of docs/RANGE-RULES.md: If-Match (else
 * If-Unmodified-Since), If-None-Match (else If-Modified-Since), If-Range, then Range. Authorization and the 404 for
 * an unknown asset come before and are the caller's; a second Range line is a 400 only once Range is evaluated.
 */
public final class ByteRequestEvaluator {

    private static final ByteRequestDecision FULL = new ByteRequestDecision.Full();

    private ByteRequestEvaluator() {
    }

    public static ByteRequestDecision evaluate(ByteRequest request, Representation representation) {
        if (!request.ifMatch().isEmpty()) {
            if (!EntityTagList.parse(request.ifMatch()).anyStrongMatch(representation.etag())) {
                return new ByteRequestDecision.PreconditionFailed(Precondition.IF_MATCH);
            }
        } else if (singleDate(request.ifUnmodifiedSince())
                .filter(representation.lastModified()::isAfter).isPresent()) {
            return new ByteRequestDecision.PreconditionFailed(Precondition.IF_UNMODIFIED_SINCE);
        }
        if (!request.ifNoneMatch().isEmpty()) {
            if (EntityTagList.parse(request.ifNoneMatch()).anyWeakMatch(representation.etag())) {
                return new ByteRequestDecision.NotModified(Precondition.IF_NONE_MATCH);
            }
        } else if (singleDate(request.ifModifiedSince())
                .filter(date -> !representation.lastModified().isAfter(date)).isPresent()) {
            return new ByteRequestDecision.NotModified(Precondition.IF_MODIFIED_SINCE);
        }
        if (request.range().isEmpty()) {
            return FULL;
        }
        if (!request.ifRange().isEmpty() && !ifRangeMatches(request.ifRange(), representation)) {
            return FULL;
        }
        return decide(ByteRangeParser.parse(request.range(), representation.length()), representation.length());
    }

    private static ByteRequestDecision decide(RangeSelection selection, long length) {
        if (selection instanceof RangeSelection.Malformed) {
            return new ByteRequestDecision.BadRequest();
        }
        if (selection instanceof RangeSelection.Rejected rejected) {
            return new ByteRequestDecision.RangeNotSatisfiable(length, rejected);
        }
        if (selection instanceof RangeSelection.Satisfiable satisfiable) {
            List<ByteRange> ranges = satisfiable.ranges();
            return ranges.size() == 1
                    ? new ByteRequestDecision.Partial(ranges.get(0))
                    : new ByteRequestDecision.Multipart(ranges);
        }
        return FULL;
    }

    /** A weak tag never matches; a date matches only the exact Last-Modified; anything unreadable does not match. */
    private static boolean ifRangeMatches(List<String> fieldLines, Representation representation) {
        if (fieldLines.size() != 1) {
            return false;
        }
        String value = FieldSyntax.stripOws(fieldLines.get(0));
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return EntityTag.parse(value).filter(representation.etag()::strongMatch).isPresent();
        }
        return HttpDates.parse(value).filter(representation.lastModified()::equals).isPresent();
    }

    /** A date field with several lines or an invalid date is ignored (RFC 9110 sections 13.1.3 and 13.1.4). */
    private static Optional<Instant> singleDate(List<String> fieldLines) {
        return fieldLines.size() == 1 ? HttpDates.parse(fieldLines.get(0)) : Optional.empty();
    }
}
