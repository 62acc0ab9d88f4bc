package io.marquee.streaming.http;

import java.util.List;

/** How the byte endpoint answers a GET or HEAD once authorization and the asset lookup have passed. */
public sealed interface ByteRequestDecision {

    int status();

    /** 304: no body; the same validator and caching headers as a 200. */
    record NotModified(Precondition matched) implements ByteRequestDecision {
        @Override
        public int status() {
            return 304;
        }
    }

    /** 412 with a problem body. */
    record PreconditionFailed(Precondition failed) implements ByteRequestDecision {
        @Override
        public int status() {
            return 412;
        }
    }

    /** 400: the request carries more than one Range field line. */
    record BadRequest() implements ByteRequestDecision {
        @Override
        public int status() {
            return 400;
        }
    }

    /** 416 with a problem body and {@link #contentRange()}. */
    record RangeNotSatisfiable(long length, RangeSelection.Rejected rejection) implements ByteRequestDecision {
        @Override
        public int status() {
            return 416;
        }

        /** {@code bytes *}{@code /L}. */
        public String contentRange() {
            return "bytes */" + length;
        }
    }

    /** 200 with the whole representation. */
    record Full() implements ByteRequestDecision {
        @Override
        public int status() {
            return 200;
        }
    }

    /** 206 with one range: {@code Content-Range} from {@link ByteRange#contentRange(long)}, never multipart. */
    record Partial(ByteRange range) implements ByteRequestDecision {
        @Override
        public int status() {
            return 206;
        }
    }

    /** 206 {@code multipart/byteranges} with two or more ranges in request order; see {@link MultipartByteranges}. */
    record Multipart(List<ByteRange> ranges) implements ByteRequestDecision {
        public Multipart {
            ranges = List.copyOf(ranges);
            if (ranges.size() < 2) {
                throw new IllegalArgumentException("A multipart answer has at least two ranges");
            }
        }

        @Override
        public int status() {
            return 206;
        }
    }
}
