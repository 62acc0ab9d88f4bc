package io.marquee.streaming.http;

import java.util.List;

/** What a Range header asks of a representation, once parsed and checked against Marquee's policies. */
public sealed interface RangeSelection {

    /** Outcomes answered with 416 and {@code Content-Range: bytes *}{@code /L}. */
    sealed interface Rejected extends RangeSelection {
    }

    /** Serve the whole representation: no Range, a unit other than {@code bytes}, or an empty representation. */
    record Absent() implements RangeSelection {
    }

    /** More than one Range field line (400 by policy). */
    record Malformed() implements RangeSelection {
    }

    /** A {@code bytes} range set with no spec, or with a spec that is not first-last, first- or -suffix in digits. */
    record Invalid() implements Rejected {
    }

    /** Every spec is well-formed but none selects a byte of the representation. */
    record Unsatisfiable() implements Rejected {
    }

    /** The satisfiable specs exceed a policy limit that protects the service from abusive range sets. */
    record TooComplex(Limit exceeded) implements Rejected {
    }

    /**
     * Disjoint, non-adjacent ranges, each placed where the earliest spec it covers appeared in the request;
     * never more than 16 of them and never more bytes in total than the representation.
     */
    record Satisfiable(List<ByteRange> ranges) implements RangeSelection {
        public Satisfiable {
            ranges = List.copyOf(ranges);
            if (ranges.isEmpty()) {
                throw new IllegalArgumentException("A satisfiable selection has at least one range");
            }
        }
    }

    /** The policy limits of docs/RANGE-RULES.md, in the order they are checked. */
    enum Limit {
        /** More than two satisfiable specs overlap another spec. */
        OVERLAPPING_SPECS,
        /** The satisfiable specs, as requested and before coalescing, add up to more bytes than the representation. */
        TOTAL_LENGTH,
        /** More than 16 ranges remain after coalescing. */
        RANGE_COUNT
    }
}
