package io.marquee.packaging;

import io.marquee.packaging.mp4.Ffmpeg;
import io.marquee.support.Api;
import io.marquee.support.MediaFixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HLS and DASH URLs of a playback, fetched as a player does, from the sample video and its subtitles in the real
 * S3-compatible server: every segment of each track, joined after its init segment, is the source's samples exactly.
 */
@QuarkusTest
class PackagedStreamingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    MediaFixtures media;

    @TestHTTPResource("/")
    URL root;

    @TempDir
    Path dir;

    private JsonPath playback(UUID title) {
        return Api.as(Api.newProfileToken()).contentType(ContentType.JSON).body(Map.of("titleId", title.toString()))
                .post("/api/v1/playback").then().statusCode(201).extract().jsonPath();
    }

    private UUID sampleTitle() {
        UUID title = media.movie("Packaged " + UUID.randomUUID(), 0);
        media.video(title, "360p", MediaFixtures.SAMPLE_VIDEO);
        media.subtitles(title, "en", MediaFixtures.SAMPLE_SUBTITLES);
        return title;
    }

    private HttpResponse<byte[]> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private byte[] body(URI uri) throws Exception {
        HttpResponse<byte[]> response = get(uri);
        assertThat(response.statusCode()).as(uri.getPath()).isEqualTo(200);
        return response.body();
    }

    private static List<String> uris(byte[] playlist) {
        return new String(playlist).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    private static String map(byte[] playlist) {
        return new String(playlist).lines().filter(l -> l.startsWith("#EXT-X-MAP:URI=")).findFirst().orElseThrow()
                .replaceAll(".*URI=\"([^\"]+)\".*", "$1");
    }

    /** Init segment then every segment of a media playlist, as one file. */
    private Path joined(URI playlistUri, String name) throws Exception {
        byte[] playlist = body(playlistUri);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(body(playlistUri.resolve(map(playlist))));
        for (String segment : uris(playlist)) {
            out.writeBytes(body(playlistUri.resolve(segment)));
        }
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    @Test
    void everySegmentOfEachTrackCarriesTheSourceSamplesExactly() throws Exception {
        JsonPath playback = playback(sampleTitle());
        URI master = URI.create(root.toString()).resolve(playback.getString("hlsUrl"));
        assertThat(playback.getString("dashUrl")).endsWith("/manifest.mpd").startsWith("/packaged/");
        HttpResponse<byte[]> masterResponse = get(master);
        assertThat(masterResponse.statusCode()).isEqualTo(200);
        assertThat(masterResponse.headers().firstValue("Content-Type")).hasValue("application/vnd.apple.mpegurl");
        String multivariant = new String(masterResponse.body());
        String videoPlaylist = uris(masterResponse.body()).get(0);
        String audioPlaylist = multivariant.lines().filter(l -> l.startsWith("#EXT-X-MEDIA:TYPE=AUDIO")).findFirst()
                .orElseThrow().replaceAll(".*URI=\"([^\"]+)\".*", "$1");
        Path source = MediaFixtures.SAMPLE_VIDEO;
        for (String[] track : new String[][] {{videoPlaylist, "v:0"}, {audioPlaylist, "a:0"}}) {
            Path file = joined(master.resolve(track[0]), "joined-" + track[1].charAt(0) + ".mp4");
            List<Ffmpeg.Packet> expected = Ffmpeg.packets(source, track[1]);
            List<Ffmpeg.Packet> actual = Ffmpeg.packets(file, track[1]);
            assertThat(actual).as(track[1] + " packets").hasSameSizeAs(expected);
            long shift = actual.get(0).pts() - expected.get(0).pts();
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).size()).as(track[1] + " size " + i).isEqualTo(expected.get(i).size());
                assertThat(actual.get(i).key()).as(track[1] + " key " + i).isEqualTo(expected.get(i).key());
                assertThat(actual.get(i).pts() - shift).as(track[1] + " pts " + i).isEqualTo(expected.get(i).pts());
                if (i + 1 < expected.size()) {
                    assertThat(actual.get(i + 1).dts() - actual.get(i).dts()).as(track[1] + " duration " + i)
                            .isEqualTo(expected.get(i + 1).dts() - expected.get(i).dts());
                }
            }
            assertThat(Ffmpeg.decodeErrors(file)).as(track[1] + " decodes cleanly").isEmpty();
            long discarded = expected.stream().filter(Ffmpeg.Packet::discard).count();
            assertThat(Ffmpeg.decodedFrames(file, track[1])).as(track[1] + " frames")
                    .isEqualTo(Ffmpeg.decodedFrames(source, track[1]) + discarded);
        }
    }

    @Test
    void theMpdNamesTheSameSegmentsAndTheSubtitles() throws Exception {
        JsonPath playback = playback(sampleTitle());
        URI mpd = URI.create(root.toString()).resolve(playback.getString("dashUrl"));
        HttpResponse<byte[]> response = get(mpd);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/dash+xml");
        String xml = new String(response.body());
        String videoId = playback.getString("streams[0].assetId");
        assertThat(xml).contains("<Representation id=\"" + videoId + "\"", "media=\"" + videoId + "/video/$Number$.m4s\"",
                "mimeType=\"text/vtt\"", "<BaseURL>" + playback.getString("subtitles[0].assetId") + "/subtitles.vtt");
        assertThat(body(mpd.resolve(videoId + "/video/1.m4s"))).isEqualTo(
                body(URI.create(root.toString()).resolve(playback.getString("hlsUrl")).resolve(videoId + "/video/1.m4s")));
        HttpResponse<byte[]> vtt = get(mpd.resolve(playback.getString("subtitles[0].assetId") + "/subtitles.vtt"));
        assertThat(vtt.statusCode()).isEqualTo(200);
        assertThat(vtt.headers().firstValue("Content-Type")).hasValue("text/vtt");
        assertThat(vtt.body()).isEqualTo(Files.readAllBytes(MediaFixtures.SAMPLE_SUBTITLES));
    }

    @Test
    void aLadderOfAlignedRenditionsIsOneVariantEachWithTheSameSegmentTimes() throws Exception {
        UUID title = media.movie("Ladder " + UUID.randomUUID(), 0);
        media.video(title, "144p", Path.of("src/main/resources/media/sample.144p.mp4"));
        media.video(title, "360p", MediaFixtures.SAMPLE_VIDEO);
        media.video(title, "240p", Path.of("src/main/resources/media/sample.240p.mp4"));
        URI master = URI.create(root.toString()).resolve(playback(title).getString("hlsUrl"));
        List<String> lines = new String(body(master)).lines().toList();
        List<String> variants = lines.stream().filter(l -> l.startsWith("#EXT-X-STREAM-INF:")).toList();
        assertThat(variants).hasSize(3);
        assertThat(variants.get(0)).contains("RESOLUTION=640x360");
        assertThat(variants.get(1)).contains("RESOLUTION=426x240");
        assertThat(variants.get(2)).contains("RESOLUTION=256x144");
        List<Long> bandwidths = variants.stream()
                .map(v -> Long.parseLong(v.replaceAll(".*[:,]BANDWIDTH=([0-9]+).*", "$1"))).toList();
        assertThat(bandwidths).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(lines.stream().filter(l -> l.startsWith("#EXT-X-I-FRAME-STREAM-INF:"))).hasSize(3);
        List<List<String>> timelines = new java.util.ArrayList<>();
        for (String variant : variants) {
            URI playlist = master.resolve(lines.get(lines.indexOf(variant) + 1));
            timelines.add(new String(body(playlist)).lines().filter(l -> l.startsWith("#EXTINF:")).toList());
        }
        assertThat(timelines.get(1)).isEqualTo(timelines.get(0));
        assertThat(timelines.get(2)).isEqualTo(timelines.get(0));
    }
}
