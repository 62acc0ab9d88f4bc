package io.marquee.packaging.manifest;

import io.marquee.packaging.manifest.Presentation.Audio;
import io.marquee.packaging.manifest.Presentation.Subtitles;
import io.marquee.packaging.manifest.Presentation.Video;
import io.marquee.packaging.mp4.SegmentIndex;
import io.marquee.packaging.mp4.TrackIndex;

import java.util.Locale;

/**
 * HLS playlists of a presentation (RFC 8216bis, Apple's HLS authoring specification): the multivariant playlist, a
 * media playlist per rendition with an {@code EXT-X-MAP} init segment and fMP4 segments, an I-frame playlist per
 * video rendition, and a one-segment playlist per WebVTT track. URIs are relative to the playlist (see
 * {@link PackagedPaths}), so they need no grant of their own: it is in the path they resolve against.
 */
public final class HlsPlaylists {

    private static final int VERSION = 7;
    static final String AUDIO_GROUP = "audio";
    static final String SUBTITLE_GROUP = "subs";

    private HlsPlaylists() {
    }

    public static String multivariant(Presentation p) {
        StringBuilder m = new StringBuilder(1024);
        m.append("#EXTM3U\n#EXT-X-VERSION:").append(VERSION).append("\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        p.audio().ifPresent(audio -> {
            m.append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"").append(AUDIO_GROUP).append("\",NAME=\"")
                    .append(audio.language().map(HlsPlaylists::languageName).orElse("Audio")).append('"');
            audio.language().ifPresent(language -> m.append(",LANGUAGE=\"").append(language).append('"'));
            m.append(",DEFAULT=YES,AUTOSELECT=YES");
            if (audio.track().channels() > 0) {
                m.append(",CHANNELS=\"").append(audio.track().channels()).append('"');
            }
            m.append(",URI=\"").append(PackagedPaths.audioPlaylist(audio.assetId())).append("\"\n");
        });
        for (Subtitles s : p.subtitles()) {
            m.append("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"").append(SUBTITLE_GROUP).append("\",NAME=\"")
                    .append(quoted(s.label())).append("\",LANGUAGE=\"").append(s.language())
                    .append("\",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI=\"")
                    .append(PackagedPaths.subtitlePlaylist(s.assetId())).append("\"\n");
        }
        for (Video v : p.videos()) {
            TrackIndex track = v.track();
            long peak = v.rates().peak() + p.audio().map(a -> a.rates().peak()).orElse(0L);
            long average = v.rates().average() + p.audio().map(a -> a.rates().average()).orElse(0L);
            m.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(peak).append(",AVERAGE-BANDWIDTH=").append(average)
                    .append(",RESOLUTION=").append(track.width()).append('x').append(track.height())
                    .append(",CODECS=\"").append(track.codec())
                    .append(p.audio().map(a -> "," + a.track().codec()).orElse("")).append('"');
            if (track.frameRate() > 0) {
                m.append(",FRAME-RATE=").append(String.format(Locale.ROOT, "%.3f", track.frameRate()));
            }
            if (p.audio().isPresent()) {
                m.append(",AUDIO=\"").append(AUDIO_GROUP).append('"');
            }
            if (!p.subtitles().isEmpty()) {
                m.append(",SUBTITLES=\"").append(SUBTITLE_GROUP).append('"');
            }
            m.append('\n').append(PackagedPaths.videoPlaylist(v.assetId())).append('\n');
        }
        for (Video v : p.videos()) {
            m.append("#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=").append(v.keyFrameRates().peak())
                    .append(",AVERAGE-BANDWIDTH=").append(v.keyFrameRates().average())
                    .append(",RESOLUTION=").append(v.track().width()).append('x').append(v.track().height())
                    .append(",CODECS=\"").append(v.track().codec()).append("\",URI=\"")
                    .append(PackagedPaths.keyFramePlaylist(v.assetId())).append("\"\n");
        }
        return m.toString();
    }

    /** The media playlist of a video rendition (relative to {@link PackagedPaths#videoPlaylist}). */
    public static String video(Video video) {
        return media(video.track(), "video/", ".m4s", false);
    }

    /** The media playlist of the audio rendition. */
    public static String audio(Audio audio) {
        return media(audio.track(), "audio/", ".m4s", false);
    }

    /** The I-frame playlist of a video rendition: each segment's key frame, lasting the whole segment. */
    public static String keyFrames(Video video) {
        return media(video.track(), "video/", ".key.m4s", true);
    }

    /** A WebVTT track as one segment lasting the whole presentation. */
    public static String subtitles(double durationSeconds) {
        return "#EXTM3U\n#EXT-X-VERSION:" + VERSION + "\n#EXT-X-TARGETDURATION:" + (long) Math.ceil(durationSeconds)
                + "\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:" + seconds(durationSeconds) + ",\n"
                + PackagedPaths.SUBTITLE_FILE + "\n#EXT-X-ENDLIST\n";
    }

    private static String media(TrackIndex track, String prefix, String suffix, boolean keyFrames) {
        long target = 1;
        for (SegmentIndex s : track.segments()) {
            target = Math.max(target, (long) Math.ceil((double) s.durationTicks() / track.timescale()));
        }
        StringBuilder m = new StringBuilder(64 + 32 * track.segments().size());
        m.append("#EXTM3U\n#EXT-X-VERSION:").append(VERSION).append("\n#EXT-X-TARGETDURATION:").append(target)
                .append("\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n");
        m.append(keyFrames ? "#EXT-X-I-FRAMES-ONLY\n" : "#EXT-X-INDEPENDENT-SEGMENTS\n");
        m.append("#EXT-X-MAP:URI=\"").append(prefix).append(PackagedPaths.INIT).append("\"\n");
        for (SegmentIndex s : track.segments()) {
            m.append("#EXTINF:").append(seconds((double) s.durationTicks() / track.timescale())).append(",\n")
                    .append(prefix).append(s.number() + 1).append(suffix).append('\n');
        }
        return m.append("#EXT-X-ENDLIST\n").toString();
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    private static String quoted(String value) {
        return value.replace('"', '\'').replace('\n', ' ').replace('\r', ' ');
    }

    private static String languageName(String language) {
        String name = Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH);
        return name.isEmpty() ? language : name;
    }
}
