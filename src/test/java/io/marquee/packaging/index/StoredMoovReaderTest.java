package io.marquee.packaging.index;

import io.marquee.packaging.mp4.Mp4Refusal;
import io.marquee.support.Mp4Files;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The backfill reads a stored MP4's box headers and its moov, never its media. */
class StoredMoovReaderTest {

    private static final long MAX = 16L * 1024 * 1024;

    @Test
    void onlyTheBoxHeadersAndExactlyTheMoovAreRead() throws Exception {
        byte[] sample = Mp4Files.sample();
        Map<String, byte[]> boxes = Mp4Files.boxes();
        List<long[]> reads = new ArrayList<>();
        StoredMoovReader.StoredMoov stored = StoredMoovReader.read(recording(sample, reads), sample.length, MAX)
                .await().indefinitely();

        assertThat(stored.moov()).isEqualTo(boxes.get("moov"));
        int moovStart = boxes.get("ftyp").length;
        // ftyp, moov, free and mdat headers (16 bytes each at most), then the moov itself: nothing of the media.
        assertThat(reads).hasSize(5);
        assertThat(reads.subList(0, 4)).allSatisfy(read -> assertThat(read[1]).isLessThanOrEqualTo(16));
        assertThat(reads.get(4)).containsExactly(moovStart, boxes.get("moov").length);
        long read = reads.stream().mapToLong(r -> r[1]).sum();
        assertThat(read).isLessThanOrEqualTo(boxes.get("moov").length + 4 * 16L);
    }

    @Test
    void anObjectCutShortIsTruncated() throws Exception {
        byte[] sample = Mp4Files.sample();
        byte[] cut = Arrays.copyOf(sample, sample.length - 1000);
        // The mdat box now claims more than the object holds.
        assertThat(refusal(cut, MAX)).hasMessageContaining("truncated").hasMessageContaining("mdat box")
                .extracting(Mp4Refusal::reason).isEqualTo(Mp4Refusal.Reason.TRUNCATED);
    }

    @Test
    void objectsThatAreNotMp4sOrHaveTooBigAMoovAreRefused() {
        byte[] random = new byte[5000];
        new java.util.Random(3).nextBytes(random);
        ByteBuffer.wrap(random).putInt(0, 100).put(4, (byte) 'x');
        assertThat(refusal(random, MAX)).hasMessageContaining("not an MP4");
        assertThat(refusal(Mp4Files.sample(), 1000)).hasMessageContaining("at most 1,000 bytes")
                .extracting(Mp4Refusal::reason).isEqualTo(Mp4Refusal.Reason.TOO_LARGE);
        assertThat(refusal(new byte[3], MAX)).hasMessageContaining("only 3 bytes");
    }

    private static Mp4Refusal refusal(byte[] object, long maxMoov) {
        Throwable failure = StoredMoovReader.read(recording(object, new ArrayList<>()), object.length, maxMoov)
                .onItem().transform(ok -> (Throwable) null).onFailure().recoverWithItem(e -> e)
                .await().indefinitely();
        assertThat(failure).isInstanceOf(Mp4Refusal.class);
        return (Mp4Refusal) failure;
    }

    private static StoredMoovReader.RangeReader recording(byte[] object, List<long[]> reads) {
        return (offset, length) -> {
            reads.add(new long[] {offset, length});
            return Uni.createFrom().item(Arrays.copyOfRange(object, (int) offset, (int) offset + length));
        };
    }
}
