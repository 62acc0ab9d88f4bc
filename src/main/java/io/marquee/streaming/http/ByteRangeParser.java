package io.marquee.streaming.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads the Range field lines of a request for a representation of known length (RFC 9110 section 14.1.2). */
public final class ByteRangeParser {

    static final int MAX_RANGES = 16;
    static final int MAX_OVERLAPPING_SPECS = 2;

    private static final RangeSelection ABSENT = new RangeSelection.Absent();
    private static final RangeSelection MALFORMED = new RangeSelection.Malformed();
    private static final RangeSelection INVALID = new RangeSelection.Invalid();
    private static final RangeSelection UNSATISFIABLE = new RangeSelection.Unsatisfiable();

    private ByteRangeParser() {
    }

    /**
     * Resolves the Range field lines (none, one or several, as received) against a representation of
     * {@code length} bytes. Line count is checked first, then the empty representation, then the unit, then the specs.
     */
    public static RangeSelection parse(List<String> fieldLines, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("Negative representation length: " + length);
        }
        if (fieldLines == null || fieldLines.isEmpty()) {
            return ABSENT;
        }
        if (fieldLines.size() > 1) {
            return MALFORMED;
        }
        if (length == 0) {
            return ABSENT;
        }
        String value = FieldSyntax.stripOws(fieldLines.get(0));
        int equals = value.indexOf('=');
        if (equals < 0 || !FieldSyntax.equalsIgnoreAsciiCase(value.substring(0, equals), "bytes")) {
            return ABSENT;
        }
        List<Requested> requested = new ArrayList<>();
        boolean anySpec = false;
        for (String element : value.substring(equals + 1).split(",", -1)) {
            String item = FieldSyntax.stripOws(element);
            if (item.isEmpty()) {
                continue;
            }
            Optional<Spec> spec = Spec.parse(item);
            if (spec.isEmpty()) {
                return INVALID;
            }
            anySpec = true;
            int order = requested.size();
            spec.get().resolve(length).ifPresent(range -> requested.add(new Requested(order, range)));
        }
        if (!anySpec) {
            return INVALID;
        }
        if (requested.isEmpty()) {
            return UNSATISFIABLE;
        }
        return withinLimits(requested, length);
    }

    private static RangeSelection withinLimits(List<Requested> requested, long length) {
        List<Requested> byPosition = new ArrayList<>(requested);
        byPosition.sort(Comparator.comparingLong((Requested r) -> r.range().first())
                .thenComparingLong(r -> r.range().last()));
        if (overlappingSpecs(byPosition) > MAX_OVERLAPPING_SPECS) {
            return new RangeSelection.TooComplex(RangeSelection.Limit.OVERLAPPING_SPECS);
        }
        long total = 0;
        for (Requested spec : requested) {
            if (spec.range().length() > length - total) {
                return new RangeSelection.TooComplex(RangeSelection.Limit.TOTAL_LENGTH);
            }
            total += spec.range().length();
        }
        List<Requested> coalesced = coalesce(byPosition);
        if (coalesced.size() > MAX_RANGES) {
            return new RangeSelection.TooComplex(RangeSelection.Limit.RANGE_COUNT);
        }
        coalesced.sort(Comparator.comparingInt(Requested::order));
        return new RangeSelection.Satisfiable(coalesced.stream().map(Requested::range).toList());
    }

    /** Counts the specs that share at least one byte with another spec; the input is sorted by first position. */
    private static int overlappingSpecs(List<Requested> byPosition) {
        int overlapping = 0;
        int groupSize = 0;
        long groupLast = -1;
        for (Requested spec : byPosition) {
            if (groupSize > 0 && spec.range().first() <= groupLast) {
                groupSize++;
                groupLast = Math.max(groupLast, spec.range().last());
            } else {
                overlapping += groupSize > 1 ? groupSize : 0;
                groupSize = 1;
                groupLast = spec.range().last();
            }
        }
        return overlapping + (groupSize > 1 ? groupSize : 0);
    }

    /** Merges overlapping or adjacent ranges; a merged range takes the earliest request order among its specs. */
    private static List<Requested> coalesce(List<Requested> byPosition) {
        List<Requested> merged = new ArrayList<>();
        for (Requested spec : byPosition) {
            int lastIndex = merged.size() - 1;
            Requested previous = lastIndex < 0 ? null : merged.get(lastIndex);
            if (previous != null && spec.range().first() <= previous.range().last() + 1) {
                ByteRange union = new ByteRange(previous.range().first(),
                        Math.max(previous.range().last(), spec.range().last()));
                merged.set(lastIndex, new Requested(Math.min(previous.order(), spec.order()), union));
            } else {
                merged.add(spec);
            }
        }
        return merged;
    }

    /** A satisfiable spec, resolved, with its position among the satisfiable specs of the request. */
    private record Requested(int order, ByteRange range) {
    }

    /** One byte-range-spec as written; positions too large for a long are saturated to {@link Long#MAX_VALUE}. */
    private sealed interface Spec {

        Optional<ByteRange> resolve(long length);

        static Optional<Spec> parse(String item) {
            int dash = item.indexOf('-');
            if (dash < 0 || item.indexOf('-', dash + 1) >= 0) {
                return Optional.empty();
            }
            String before = item.substring(0, dash);
            String after = item.substring(dash + 1);
            if (before.isEmpty()) {
                return FieldSyntax.isDigits(after) ? Optional.of(new Suffix(saturated(after))) : Optional.empty();
            }
            OptionalLong first = exact(before);
            if (first.isEmpty()) {
                return Optional.empty();
            }
            if (after.isEmpty()) {
                return Optional.of(new Bounded(first.getAsLong(), Long.MAX_VALUE));
            }
            if (!FieldSyntax.isDigits(after) || saturated(after) < first.getAsLong()) {
                return Optional.empty();
            }
            return Optional.of(new Bounded(first.getAsLong(), saturated(after)));
        }

        /** {@code first-last} or {@code first-} (an open end is a last of {@link Long#MAX_VALUE}). */
        record Bounded(long first, long last) implements Spec {
            @Override
            public Optional<ByteRange> resolve(long length) {
                return first < length
                        ? Optional.of(new ByteRange(first, Math.min(last, length - 1)))
                        : Optional.empty();
            }
        }

        /** {@code -suffix}: the last {@code suffix} bytes, or the whole representation when it is shorter. */
        record Suffix(long suffix) implements Spec {
            @Override
            public Optional<ByteRange> resolve(long length) {
                return suffix > 0
                        ? Optional.of(new ByteRange(Math.max(0, length - suffix), length - 1))
                        : Optional.empty();
            }
        }

        private static OptionalLong exact(String digits) {
            if (!FieldSyntax.isDigits(digits)) {
                return OptionalLong.empty();
            }
            long value = 0;
            for (int i = 0; i < digits.length(); i++) {
                int digit = digits.charAt(i) - '0';
                if (value > (Long.MAX_VALUE - digit) / 10) {
                    return OptionalLong.empty();
                }
                value = value * 10 + digit;
            }
            return OptionalLong.of(value);
        }

        private static long saturated(String digits) {
            return exact(digits).orElse(Long.MAX_VALUE);
        }
    }
}
