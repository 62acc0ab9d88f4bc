package io.marquee.media.ingest;

import io.marquee.support.Mp4Files;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentCheckTest {

    @Test
    void theSampleIsAProgressiveMp4WithItsSizeAndDuration() {
        MediaFacts facts = feedInChunks("video/mp4", Mp4Files.sample(), 7);
        assertThat(facts).isEqualTo(new MediaFacts(640, 360, 40));
    }

    @Test
    void moovAfterMdatIsRefusedAsSoonAsMdatStarts() {
        byte[] late = Mp4Files.lateMoov();
        ContentCheck check = ContentCheck.forType("video/mp4");
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
        byte[] header = Mp4Files.headerFor(100);
        byte[] body = Mp4Files.concat(header, new byte[100]);
        assertThat(feedInChunks("video/mp4", body, 5).width()).isEqualTo(640);
        assertThatThrownBy(() -> feedInChunks("video/mp4", Mp4Files.concat(header, new byte[99]), 5))
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
        assertThat(ContentCheck.forType("application/octet-stream")).isNull();
    }

    private static void assertRefused(String type, byte[] body, IngestRefusal.Reason reason) {
        assertThatThrownBy(() -> feedInChunks(type, body, 2)).isInstanceOf(IngestRefusal.class)
                .extracting(e -> ((IngestRefusal) e).reason()).isEqualTo(reason);
    }

    private static MediaFacts feedInChunks(String type, byte[] body, int chunk) {
        ContentCheck check = ContentCheck.forType(type);
        for (int i = 0; i < body.length; i += chunk) {
            check.accept(body, i, Math.min(chunk, body.length - i));
        }
        return check.finish();
    }
}
