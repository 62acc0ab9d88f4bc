package io.marquee.packaging.service;

import io.marquee.packaging.manifest.Presentation;
import io.marquee.packaging.mp4.Ffmpeg;
import io.marquee.packaging.mp4.MediaIndex;
import io.marquee.packaging.mp4.Mp4IndexReader;
import io.marquee.packaging.mp4.TrackIndex;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Which rendition the audio rendition is read from (the sample ladder: 360p, 240p, 144p with 98, 66, 49 kb/s AAC). */
class AudioSourceTest {

    private static MediaIndex index(String file) throws Exception {
        return Mp4IndexReader.read(Ffmpeg.moov(Ffmpeg.read(Path.of("src/main/resources/media", file))),
                Duration.ofSeconds(6));
    }

    @Test
    void theBestAudioIsTakenEvenFromTheHighestRendition() throws Exception {
        UUID top = UUID.randomUUID();
        UUID middle = UUID.randomUUID();
        UUID low = UUID.randomUUID();
        MediaIndex p360 = index("sample.mp4");
        MediaIndex p240 = index("sample.240p.mp4");
        MediaIndex p144 = index("sample.144p.mp4");
        List<Presentation.Video> videos = List.of(Presentation.Video.of(low, "144p", p144.video().orElseThrow()),
                Presentation.Video.of(top, "360p", p360.video().orElseThrow()),
                Presentation.Video.of(middle, "240p", p240.video().orElseThrow()));
        Map<UUID, TrackIndex> audio = Map.of(top, p360.audio().orElseThrow(), middle, p240.audio().orElseThrow(),
                low, p144.audio().orElseThrow());
        assertThat(PackagedTitles.audioSource(videos, audio)).map(Presentation.Video::assetId).hasValue(top);
    }

    @Test
    void theSameAudioIsReadFromTheRenditionWithTheLeastVideo() throws Exception {
        UUID top = UUID.randomUUID();
        UUID low = UUID.randomUUID();
        MediaIndex p360 = index("sample.mp4");
        MediaIndex p144 = index("sample.144p.mp4");
        List<Presentation.Video> videos = List.of(Presentation.Video.of(top, "360p", p360.video().orElseThrow()),
                Presentation.Video.of(low, "144p", p144.video().orElseThrow()));
        TrackIndex same = p360.audio().orElseThrow();
        assertThat(PackagedTitles.audioSource(videos, Map.of(top, same, low, same)))
                .map(Presentation.Video::assetId).hasValue(low);
        assertThat(PackagedTitles.audioSource(videos, Map.of())).isEmpty();
    }
}
