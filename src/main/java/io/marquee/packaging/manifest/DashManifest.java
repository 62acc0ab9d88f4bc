package io.marquee.packaging.manifest;

import io.marquee.packaging.manifest.Presentation.Audio;
import io.marquee.packaging.manifest.Presentation.Subtitles;
import io.marquee.packaging.manifest.Presentation.Video;
import io.marquee.packaging.mp4.TrackIndex;

import java.util.Locale;

/**
 * The static MPEG-DASH MPD of a presentation (ISO/IEC 23009-1, live profile for {@code SegmentTemplate}): a video
 * adaptation set with a representation per rendition, an audio one, and a text one per WebVTT track, over the same
 * fMP4 segments as HLS. Each representation has its own {@code SegmentTimeline}, whose times are the segments'
 * earliest presentation times, so irregular keyframe spacing and variable frame rates are described exactly.
 */
public final class DashManifest {

    private DashManifest() {
    }

    public static String of(Presentation p) {
        double longest = 0;
        for (Video v : p.videos()) {
            longest = Math.max(longest, v.track().maxSegmentSeconds());
        }
        StringBuilder m = new StringBuilder(4096);
        m.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" profiles=\"urn:mpeg:dash:profile:isoff-live:2011\"")
                .append(" type=\"static\" mediaPresentationDuration=\"").append(duration(p.durationSeconds()))
                .append("\" minBufferTime=\"").append(duration(Math.ceil(longest))).append("\">\n")
                .append("  <Period id=\"0\" start=\"PT0S\">\n");
        int maxWidth = 0;
        int maxHeight = 0;
        for (Video v : p.videos()) {
            maxWidth = Math.max(maxWidth, v.track().width());
            maxHeight = Math.max(maxHeight, v.track().height());
        }
        m.append("    <AdaptationSet id=\"0\" contentType=\"video\" mimeType=\"video/mp4\" segmentAlignment=\"true\"")
                .append(" startWithSAP=\"1\" maxWidth=\"").append(maxWidth).append("\" maxHeight=\"").append(maxHeight)
                .append("\">\n");
        for (Video v : p.videos()) {
            TrackIndex t = v.track();
            m.append("      <Representation id=\"").append(v.assetId()).append("\" bandwidth=\"")
                    .append(v.rates().peak()).append("\" codecs=\"").append(t.codec()).append("\" width=\"")
                    .append(t.width()).append("\" height=\"").append(t.height()).append('"');
            frameRate(t).ifPresent(rate -> m.append(" frameRate=\"").append(rate).append('"'));
            m.append(" sar=\"1:1\">\n");
            template(m, t, PackagedPaths.init(v.assetId(), PackagedPaths.VIDEO),
                    PackagedPaths.segmentTemplate(v.assetId(), PackagedPaths.VIDEO));
            m.append("      </Representation>\n");
        }
        m.append("    </AdaptationSet>\n");
        if (p.audio().isPresent()) {
            Audio a = p.audio().get();
            TrackIndex t = a.track();
            m.append("    <AdaptationSet id=\"1\" contentType=\"audio\" mimeType=\"audio/mp4\" segmentAlignment=\"true\"")
                    .append(" startWithSAP=\"1\"");
            a.language().ifPresent(language -> m.append(" lang=\"").append(xml(language)).append('"'));
            m.append(">\n      <Representation id=\"").append(a.assetId()).append("-audio\" bandwidth=\"")
                    .append(a.rates().peak()).append("\" codecs=\"").append(t.codec())
                    .append("\" audioSamplingRate=\"").append(t.sampleRate()).append("\">\n");
            if (t.channels() > 0) {
                m.append("        <AudioChannelConfiguration schemeIdUri=")
                        .append("\"urn:mpeg:dash:23003:3:audio_channel_configuration:2011\" value=\"")
                        .append(t.channels()).append("\"/>\n");
            }
            template(m, t, PackagedPaths.init(a.assetId(), PackagedPaths.AUDIO),
                    PackagedPaths.segmentTemplate(a.assetId(), PackagedPaths.AUDIO));
            m.append("      </Representation>\n    </AdaptationSet>\n");
        }
        int id = 2;
        for (Subtitles s : p.subtitles()) {
            m.append("    <AdaptationSet id=\"").append(id++).append("\" contentType=\"text\" mimeType=\"text/vtt\" lang=\"")
                    .append(xml(s.language())).append("\">\n")
                    .append("      <Role schemeIdUri=\"urn:mpeg:dash:role:2011\" value=\"subtitle\"/>\n")
                    .append("      <Representation id=\"").append(s.assetId()).append("\" bandwidth=\"256\">\n")
                    .append("        <BaseURL>").append(PackagedPaths.subtitleFile(s.assetId())).append("</BaseURL>\n")
                    .append("      </Representation>\n    </AdaptationSet>\n");
        }
        return m.append("  </Period>\n</MPD>\n").toString();
    }

    /** A SegmentTemplate whose timeline gives each segment's earliest presentation time and duration. */
    private static void template(StringBuilder m, TrackIndex t, String init, String media) {
        m.append("        <SegmentTemplate timescale=\"").append(t.timescale()).append("\" initialization=\"")
                .append(init).append("\" media=\"").append(media).append("\" startNumber=\"1\">\n")
                .append("          <SegmentTimeline>\n");
        int n = t.segments().size();
        long[] starts = new long[n + 1];
        for (int i = 0; i < n; i++) {
            starts[i] = Math.max(0, t.presentationStartTicks(i));
        }
        long lastShift = t.presentationStartTicks(n - 1) - t.segments().get(n - 1).startTicks();
        starts[n] = Math.max(starts[n - 1], t.durationTicks() + lastShift);
        int i = 0;
        while (i < n) {
            long d = starts[i + 1] - starts[i];
            int repeat = 0;
            while (i + repeat + 1 < n && starts[i + repeat + 2] - starts[i + repeat + 1] == d) {
                repeat++;
            }
            m.append("            <S t=\"").append(starts[i]).append("\" d=\"").append(d).append('"');
            if (repeat > 0) {
                m.append(" r=\"").append(repeat).append('"');
            }
            m.append("/>\n");
            i += repeat + 1;
        }
        m.append("          </SegmentTimeline>\n        </SegmentTemplate>\n");
    }

    /** An exact frame rate when the track has one: "25", "30000/1001"; empty for variable frame rates. */
    static java.util.Optional<String> frameRate(TrackIndex t) {
        if (t.samples().durationRuns() != 1 || t.samples().count() == 0) {
            return java.util.Optional.empty();
        }
        long numerator = t.timescale();
        long denominator = t.samples().duration(0);
        if (denominator <= 0) {
            return java.util.Optional.empty();
        }
        long gcd = java.math.BigInteger.valueOf(numerator).gcd(java.math.BigInteger.valueOf(denominator)).longValue();
        numerator /= gcd;
        denominator /= gcd;
        return java.util.Optional.of(denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator);
    }

    private static String duration(double seconds) {
        return String.format(Locale.ROOT, "PT%.3fS", seconds);
    }

    private static String xml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
