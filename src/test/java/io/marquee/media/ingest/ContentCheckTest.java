package io.marquee.media.ingest;

import io.marquee.packaging.index.MediaIndexer;
import io.marquee.packaging.mp4.MediaIndexCodec;
import io.marquee.support.Eventually;
import io.marquee.support.Mp4Files;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentCheckTest {

    private static final MediaIndexer INDEXER = new MediaIndexer(Duration.ofSeconds(6), 16L * 1024 * 1024);

    @Test
    void theSampleIsAProgressiveMp4WithItsSizeDurationAndIndex() {
        MediaFacts facts = feedInChunks("video/mp4", Mp4Files.sample(), 7);
        assertThat(List.of(facts.width(), facts.height(), facts.durationSeconds())).containsExactly(640, 360, 40);
        assertThat(facts.index().summary().codecs()).isEqualTo("avc1.4d401e,mp4a.40.2");
        assertThat(facts.index().summary().segmentCount()).isEqualTo(7);
        assertThat(MediaIndexCodec.decode(facts.index().stored())).isEqualTo(facts.index().index());
    }

    @Test
    void aMoovOverTheBoundIsRefusedFromItsHeaderBeforeItIsKept() {
        ContentCheck check = ContentCheck.forType("video/mp4", new MediaIndexer(Duration.ofSeconds(6), 4096));
        byte[] ftyp = Mp4Files.boxes().get("ftyp");
        byte[] moovHeader = Arrays.copyOf(Mp4Files.boxes().get("moov"), 8);
        check.accept(ftyp, 0, ftyp.length);
        assertThatThrownBy(() -> check.accept(moovHeader, 0, moovHeader.length))
                .isInstanceOf(IngestRefusal.class).hasMessageContaining("moov box is")
                .hasMessageContaining("at most 4,096 bytes")
                .extracting(e -> ((IngestRefusal) e).reason()).isEqualTo(IngestRefusal.Reason.UNUSABLE);
    }

    @Test
    void anIndexThatCannotBeBuiltStopsTheUploadBeforeTheBodyEnds() {
        Map<String, byte[]> boxes = Mp4Files.boxes();
        byte[] moov = boxes.get("moov").clone();
        Mp4Files.patchSampleCount(moov, 2_500_000);
        ContentCheck check = ContentCheck.forType("video/mp4", INDEXER);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        check.onFailure(failures::add);
        byte[] head = Mp4Files.concat(boxes.get("ftyp"), moov);
        check.accept(head, 0, head.length);
        Eventually.within(Duration.ofSeconds(10), () -> !failures.isEmpty());
        assertThat(failures).singleElement().isInstanceOf(IngestRefusal.class)
                .extracting(Throwable::getMessage).asString().contains("2500000 samples");
    }

    @Test
    void samplesBeyondTheEndOfTheFileAreTruncated() {
        byte[] body = Mp4Files.concat(Mp4Files.headerFor(100), new byte[100]);
        assertThatThrownBy(() -> feedInChunks("video/mp4", body, 4096)).isInstanceOf(IngestRefusal.class)
                .hasMessageContaining("truncated").hasMessageContaining("the file has");
    }

    @Test
    void moovAfterMdatIsRefusedAsSoonAsMdatStarts() {
        byte[] late = Mp4Files.lateMoov();
        ContentCheck check = ContentCheck.forType("video/mp4", INDEXER);
        int mdatHeaderEnd = Mp4Files.boxes().get("ftyp").length + 8;
        assertThatThrownBy(() -> check.accept(late, 0, mdatHeaderEnd))
                .isInstanceOf(IngestRefusal.class).hasMessageContaining("-movflags +faststart")
                .extracting(e -> ((IngestRefusal) e).reason()).isEqualTo(IngestRefusal.Reason.UNUSABLE);
    }

    @Test
    void aCutMp4IsTruncated() {
        byte[] sample = Mp4Files.sample();
        assertThatThrownBy(() -> feedInChunks("video/mp4", Arrays.copyOf(sample, sample.length - 1), 4096))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> feedInChunks("video/mp4", Arrays.copyOf(sample, 20), 3))
                .isInstanceOf(IngestRefusal.class);
    }

    @Test
    void largeSizeBoxesAreFollowed() {
        byte[] mdat = Mp4Files.boxes().get("mdat");
        byte[] payload = Arrays.copyOfRange(mdat, 8, mdat.length);
        // ftyp, moov, then the sample's media data in an mdat with a 64-bit size: where the free box and the 32-bit
        // mdat header were, so the sample offsets stay right.
        byte[] header = Mp4Files.headerFor(payload.length);
        assertThat(feedInChunks("video/mp4", Mp4Files.concat(header, payload), 4099).width()).isEqualTo(640);
        assertThatThrownBy(() -> feedInChunks("video/mp4",
                Mp4Files.concat(header, Arrays.copyOf(payload, payload.length - 1)), 4099))
                .hasMessageContaining("truncated");
    }

    @Test
    void signaturesMustMatchTheDeclaredType() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                0, 0, 1, 0, 0, 0, 0, (byte) 0x80};
        assertThat(feedInChunks("image/png", png, 3)).isEqualTo(new MediaFacts(256, 128, null));
        assertRefused("video/mp4", png, IngestRefusal.Reason.WRONG_TYPE);
        assertRefused("image/jpeg", png, IngestRefusal.Reason.WRONG_TYPE);
        feedInChunks("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2}, 1);
        feedInChunks("image/webp", "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1), 2);
        assertRefused("image/webp", "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1),
                IngestRefusal.Reason.WRONG_TYPE);
        feedInChunks("text/vtt", "\uFEFFWEBVTT\n\n00:01.000 --> 00:02.000\nHi".getBytes(StandardCharsets.UTF_8), 2);
        feedInChunks("text/vtt", "WEBVTT".getBytes(StandardCharsets.UTF_8), 2);
        assertRefused("text/vtt", "WEBVTTX\n".getBytes(StandardCharsets.UTF_8), IngestRefusal.Reason.WRONG_TYPE);
        assertRefused("text/vtt", new byte[0], IngestRefusal.Reason.WRONG_TYPE);
        assertThat(ContentCheck.forType("application/octet-stream", INDEXER)).isNull();
    }

    private static void assertRefused(String type, byte[] body, IngestRefusal.Reason reason) {
        assertThatThrownBy(() -> feedInChunks(type, body, 2)).isInstanceOf(IngestRefusal.class)
                .extracting(e -> ((IngestRefusal) e).reason()).isEqualTo(reason);
    }

    private static MediaFacts feedInChunks(String type, byte[] body, int chunk) {
        ContentCheck check = ContentCheck.forType(type, INDEXER);
        for (int i = 0; i < body.length; i += chunk) {
            check.accept(body, i, Math.min(chunk, body.length - i));
        }
        return check.finish().await().indefinitely();
    }
}
