package io.marquee.packaging.manifest;

import io.marquee.packaging.mp4.MediaIndex;
import io.marquee.packaging.mp4.Mp4IndexReader;
import io.marquee.packaging.mp4.SegmentIndex;
import io.marquee.packaging.mp4.TrackIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The HLS playlists and the DASH MPD of the sample video, checked against what the index says. */
class ManifestsTest {

    private static final UUID VIDEO = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID SUBS = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static Presentation presentation;
    private static TrackIndex video;
    private static TrackIndex audio;

    @BeforeAll
    static void indexTheSample() throws Exception {
        byte[] file;
        try (InputStream in = ManifestsTest.class.getResourceAsStream("/media/sample.mp4")) {
            file = in.readAllBytes();
        }
        MediaIndex index = Mp4IndexReader.read(moov(file), Duration.ofSeconds(6));
        video = index.video().orElseThrow();
        audio = index.audio().orElseThrow();
        presentation = new Presentation(List.of(Presentation.Video.of(VIDEO, "360p", video)),
                java.util.Optional.of(Presentation.Audio.of(VIDEO, audio)),
                List.of(new Presentation.Subtitles(SUBS, "en", "English")));
    }

    private static byte[] moov(byte[] file) {
        int at = 0;
        while (at < file.length) {
            int size = ByteBuffer.wrap(file, at, 4).getInt();
            if (new String(file, at + 4, 4, StandardCharsets.ISO_8859_1).equals("moov")) {
                return java.util.Arrays.copyOfRange(file, at, at + size);
            }
            at += size;
        }
        throw new IllegalStateException("no moov");
    }

    private static Map<String, String> attributes(String line) {
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        Matcher m = Pattern.compile("([A-Z0-9-]+)=(\"[^\"]*\"|[^,]*)").matcher(line.substring(line.indexOf(':') + 1));
        while (m.find()) {
            attributes.put(m.group(1), m.group(2).replace("\"", ""));
        }
        return attributes;
    }

    @Test
    void theMultivariantPlaylistDescribesEveryRenditionAndTrack() {
        String m = HlsPlaylists.multivariant(presentation);
        List<String> lines = m.lines().toList();
        assertThat(lines.get(0)).isEqualTo("#EXTM3U");
        String streamInf = lines.stream().filter(l -> l.startsWith("#EXT-X-STREAM-INF:")).findFirst().orElseThrow();
        Map<String, String> a = attributes(streamInf);
        assertThat(a.get("RESOLUTION")).isEqualTo("640x360");
        assertThat(a.get("CODECS")).isEqualTo(video.codec() + "," + audio.codec());
        assertThat(a.get("CODECS")).matches("avc1\\.[0-9a-f]{6},mp4a\\.40\\.2");
        assertThat(a.get("FRAME-RATE")).isEqualTo("25.000");
        assertThat(Long.parseLong(a.get("BANDWIDTH"))).isGreaterThan(Long.parseLong(a.get("AVERAGE-BANDWIDTH")))
                .isGreaterThan(video.averageBitrate());
        assertThat(a).containsEntry("AUDIO", "audio").containsEntry("SUBTITLES", "subs");
        assertThat(lines.get(lines.indexOf(streamInf) + 1)).isEqualTo(VIDEO + "/video.m3u8");
        assertThat(m).contains("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\"", "URI=\"" + VIDEO + "/audio.m3u8\"",
                "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English\",LANGUAGE=\"en\"",
                "URI=\"" + SUBS + "/subtitles.m3u8\"",
                "#EXT-X-I-FRAME-STREAM-INF:", "URI=\"" + VIDEO + "/iframes.m3u8\"");
    }

    @Test
    void aMediaPlaylistListsEverySegmentWithItsDuration() {
        String playlist = HlsPlaylists.video(presentation.videos().get(0));
        List<String> lines = playlist.lines().toList();
        assertThat(lines).contains("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-MAP:URI=\"video/init.mp4\"", "#EXT-X-ENDLIST");
        List<Double> durations = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("#EXTINF:")) {
                durations.add(Double.parseDouble(lines.get(i).substring(8, lines.get(i).indexOf(','))));
                uris.add(lines.get(i + 1));
            }
        }
        assertThat(uris).hasSize(video.segments().size()).first().isEqualTo("video/1.m4s");
        assertThat(uris.get(uris.size() - 1)).isEqualTo("video/" + video.segments().size() + ".m4s");
        int target = Integer.parseInt(lines.stream().filter(l -> l.startsWith("#EXT-X-TARGETDURATION:"))
                .findFirst().orElseThrow().substring(22));
        assertThat(durations).allSatisfy(d -> assertThat(Math.round(d)).isLessThanOrEqualTo(target));
        assertThat(durations.stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(video.durationSeconds(), org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void theIFramePlaylistListsOneKeyFramePerSegment() {
        String playlist = HlsPlaylists.keyFrames(presentation.videos().get(0));
        assertThat(playlist).contains("#EXT-X-I-FRAMES-ONLY", "#EXT-X-MAP:URI=\"video/init.mp4\"", "video/1.key.m4s")
                .doesNotContain("#EXT-X-INDEPENDENT-SEGMENTS");
        assertThat(playlist.lines().filter(l -> l.endsWith(".key.m4s")).count()).isEqualTo(video.segments().size());
    }

    @Test
    void theSubtitlePlaylistIsOneSegmentOverTheWholeTitle() {
        String playlist = HlsPlaylists.subtitles(presentation.durationSeconds());
        assertThat(playlist).contains("#EXT-X-TARGETDURATION:40\n", "#EXTINF:40.000000,\nsubtitles.vtt\n",
                "#EXT-X-ENDLIST");
    }

    @Test
    void theMpdHasATimelineThatCoversEachTrack() throws Exception {
        String mpd = DashManifest.of(presentation);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(mpd.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("MPD");
        assertThat(root.getAttribute("type")).isEqualTo("static");
        assertThat(root.getAttribute("mediaPresentationDuration")).isEqualTo("PT40.000S");
        NodeList sets = doc.getElementsByTagName("AdaptationSet");
        assertThat(sets.getLength()).isEqualTo(3);
        NodeList representations = doc.getElementsByTagName("Representation");
        Element videoRep = (Element) representations.item(0);
        assertThat(videoRep.getAttribute("id")).isEqualTo(VIDEO.toString());
        assertThat(videoRep.getAttribute("codecs")).isEqualTo(video.codec());
        assertThat(videoRep.getAttribute("frameRate")).isEqualTo("25");
        assertTimeline((Element) videoRep.getElementsByTagName("SegmentTemplate").item(0), video);
        Element audioRep = (Element) representations.item(1);
        assertThat(audioRep.getAttribute("audioSamplingRate")).isEqualTo(String.valueOf(audio.sampleRate()));
        assertTimeline((Element) audioRep.getElementsByTagName("SegmentTemplate").item(0), audio);
        Element subtitles = (Element) sets.item(2);
        assertThat(subtitles.getAttribute("mimeType")).isEqualTo("text/vtt");
        assertThat(subtitles.getElementsByTagName("BaseURL").item(0).getTextContent())
                .isEqualTo(SUBS + "/subtitles.vtt");
    }

    private static void assertTimeline(Element template, TrackIndex track) {
        assertThat(template.getAttribute("timescale")).isEqualTo(String.valueOf(track.timescale()));
        assertThat(template.getAttribute("startNumber")).isEqualTo("1");
        NodeList entries = template.getElementsByTagName("S");
        List<long[]> segments = new ArrayList<>();
        long next = -1;
        for (int i = 0; i < entries.getLength(); i++) {
            Element s = (Element) entries.item(i);
            long t = Long.parseLong(s.getAttribute("t"));
            long d = Long.parseLong(s.getAttribute("d"));
            int r = s.hasAttribute("r") ? Integer.parseInt(s.getAttribute("r")) : 0;
            if (next >= 0) {
                assertThat(t).as("segments follow each other").isEqualTo(next);
            }
            for (int k = 0; k <= r; k++) {
                segments.add(new long[] {t + k * d, d});
            }
            next = t + (r + 1) * d;
        }
        assertThat(segments).hasSize(track.segments().size());
        for (SegmentIndex s : track.segments()) {
            assertThat(segments.get(s.number())[0]).isEqualTo(Math.max(0, track.presentationStartTicks(s.number())));
        }
        assertThat((double) next / track.timescale()).isCloseTo(track.durationSeconds(),
                org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void segmentFileNamesParseStrictly() {
        assertThat(PackagedPaths.SegmentFile.parse("1.m4s")).isEqualTo(new PackagedPaths.SegmentFile(1, false));
        assertThat(PackagedPaths.SegmentFile.parse("12.key.m4s")).isEqualTo(new PackagedPaths.SegmentFile(12, true));
        for (String bad : new String[] {"0.m4s", "01.m4s", "-1.m4s", "1.mp4", ".m4s", "a.m4s", "1234567890.m4s",
                "1.key.key.m4s", "1.KEY.m4s", "+1.m4s"}) {
            assertThat(PackagedPaths.SegmentFile.parse(bad)).as(bad).isNull();
        }
    }
}
