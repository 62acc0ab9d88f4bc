package io.marquee.packaging.manifest;

import java.util.UUID;

/**
 * The URL layout under {@code /packaged/{grant}/}: manifests at its root, each asset's playlists and segments below
 * its id. Manifests use these paths relative to themselves, and the routes parse them.
 */
public final class PackagedPaths {

    public static final String MULTIVARIANT = "master.m3u8";
    public static final String MPD = "manifest.mpd";
    public static final String VIDEO_PLAYLIST = "video.m3u8";
    public static final String AUDIO_PLAYLIST = "audio.m3u8";
    public static final String KEY_FRAME_PLAYLIST = "iframes.m3u8";
    public static final String SUBTITLE_PLAYLIST = "subtitles.m3u8";
    public static final String SUBTITLE_FILE = "subtitles.vtt";
    public static final String INIT = "init.mp4";
    public static final String VIDEO = "video";
    public static final String AUDIO = "audio";

    private PackagedPaths() {
    }

    static String videoPlaylist(UUID asset) {
        return asset + "/" + VIDEO_PLAYLIST;
    }

    static String audioPlaylist(UUID asset) {
        return asset + "/" + AUDIO_PLAYLIST;
    }

    static String keyFramePlaylist(UUID asset) {
        return asset + "/" + KEY_FRAME_PLAYLIST;
    }

    static String subtitlePlaylist(UUID asset) {
        return asset + "/" + SUBTITLE_PLAYLIST;
    }

    static String subtitleFile(UUID asset) {
        return asset + "/" + SUBTITLE_FILE;
    }

    /** {@code asset/track/} + the file of segment number n (1-based), for SegmentTemplate's $Number$ too. */
    static String segmentTemplate(UUID asset, String track) {
        return asset + "/" + track + "/$Number$.m4s";
    }

    static String init(UUID asset, String track) {
        return asset + "/" + track + "/" + INIT;
    }

    /** A segment file name: {@code n.m4s} (a media segment) or {@code n.key.m4s} (its key frame alone). */
    public record SegmentFile(int number, boolean keyFrame) {
        /** Parses {@code "12.m4s"} or {@code "12.key.m4s"}; null for anything else. */
        public static SegmentFile parse(String file) {
            boolean key = file.endsWith(".key.m4s");
            String digits = key ? file.substring(0, file.length() - 8)
                    : file.endsWith(".m4s") ? file.substring(0, file.length() - 4) : "";
            if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                    || digits.charAt(0) == '0') {
                return null;
            }
            return new SegmentFile(Integer.parseInt(digits), key);
        }
    }
}
