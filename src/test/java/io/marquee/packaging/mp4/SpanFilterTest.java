package io.marquee.packaging.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpanFilterTest {

    private static final SegmentLayout LAYOUT = new SegmentLayout(new byte[0],
            List.of(new SourceSpan(1000, 50), new SourceSpan(1080, 1), new SourceSpan(1081, 0),
                    new SourceSpan(2000, 300)), 351, 50);

    private static byte[] body() {
        byte[] body = new byte[(int) (LAYOUT.sourceEnd() - LAYOUT.sourceStart())];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31 + 7);
        }
        return body;
    }

    private static byte[] expected(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (SourceSpan s : LAYOUT.spans()) {
            out.write(body, (int) (s.offset() - LAYOUT.sourceStart()), (int) s.length());
        }
        return out.toByteArray();
    }

    @Test
    void forwardsOnlySpanBytesWhateverTheChunking() {
        byte[] body = body();
        Random random = new Random(5);
        for (int round = 0; round < 500; round++) {
            SpanFilter filter = new SpanFilter(LAYOUT);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = 0;
            while (at < body.length) {
                int chunk = Math.min(body.length - at, random.nextInt(round % 2 == 0 ? 3 : 400));
                int start = at;
                assertThat(filter.complete()).isFalse();
                filter.accept(chunk, (from, to) -> {
                    assertThat(from).isBetween(0, chunk);
                    assertThat(to).isBetween(from, chunk);
                    out.write(body, start + from, to - from);
                });
                at += chunk;
            }
            assertThat(out.toByteArray()).isEqualTo(expected(body));
            assertThat(filter.complete()).isTrue();
        }
    }

    @Test
    void theListFormGivesTheSameSlices() {
        SpanFilter filter = new SpanFilter(LAYOUT);
        assertThat(filter.accept(60)).containsExactly(new int[] {0, 50});
        assertThat(filter.accept(30)).containsExactly(new int[] {20, 21});
        assertThat(filter.accept(0)).isEmpty();
        assertThat(filter.accept(1000)).containsExactly(new int[] {910, 1000});
        assertThat(filter.complete()).isFalse();
        assertThat(filter.accept(210)).containsExactly(new int[] {0, 210});
        assertThat(filter.complete()).isTrue();
    }

    @Test
    void bytesAfterTheLastSpanAreIgnored() {
        SpanFilter filter = new SpanFilter(LAYOUT);
        filter.accept(1300);
        assertThat(filter.complete()).isTrue();
        assertThat(filter.accept(50)).isEmpty();
    }
}
