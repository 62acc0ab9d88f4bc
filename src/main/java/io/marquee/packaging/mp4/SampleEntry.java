package io.marquee.packaging.mp4;

import java.util.Map;

/** What a stsd sample entry says: the RFC 6381 codec string and the picture size or audio format. */
record SampleEntry(String codec, int width, int height, int sampleRate, int channels) {

    private static final int VISUAL_FIELDS = 78;
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("mp4v", "MPEG-4 Part 2 video"), Map.entry("s263", "H.263 video"),
            Map.entry("av01", "AV1 video"), Map.entry("vp08", "VP8 video"), Map.entry("vp09", "VP9 video"),
            Map.entry("jpeg", "Motion JPEG video"), Map.entry("mjp2", "Motion JPEG 2000 video"),
            Map.entry("apch", "Apple ProRes video"), Map.entry("apcn", "Apple ProRes video"),
            Map.entry("dvh1", "Dolby Vision video"), Map.entry("dvhe", "Dolby Vision video"),
            Map.entry("vvc1", "H.266/VVC video"), Map.entry("encv", "encrypted video"),
            Map.entry("ac-3", "Dolby Digital (AC-3) audio"), Map.entry("ec-3", "Dolby Digital Plus (E-AC-3) audio"),
            Map.entry("Opus", "Opus audio"), Map.entry("fLaC", "FLAC audio"), Map.entry(".mp3", "MP3 audio"),
            Map.entry("alac", "Apple Lossless audio"), Map.entry("lpcm", "PCM audio"), Map.entry("sowt", "PCM audio"),
            Map.entry("twos", "PCM audio"), Map.entry("ipcm", "PCM audio"), Map.entry("samr", "AMR audio"),
            Map.entry("enca", "encrypted audio"));

    static SampleEntry read(Box entry, TrackKind kind) throws Mp4Refusal {
        String type = entry.type;
        if (kind == TrackKind.VIDEO) {
            Box.Fields f = entry.fields();
            f.skip(6 + 2 + 16);
            int width = f.u16();
            int height = f.u16();
            switch (type) {
                case "avc1", "avc3" -> {
                    return new SampleEntry(avc(type, configuration(entry, "avcC")), width, height, 0, 0);
                }
                case "hvc1", "hev1" -> {
                    return new SampleEntry(hevc(type, configuration(entry, "hvcC")), width, height, 0, 0);
                }
                default -> throw unsupported(type, kind);
            }
        }
        if (!type.equals("mp4a")) {
            throw unsupported(type, kind);
        }
        Box.Fields f = entry.fields();
        f.skip(6 + 2);
        int version = f.u16();
        f.skip(6);
        int channels = f.u16();
        f.skip(6);
        int sampleRate = (int) (f.u32() >>> 16);
        int fields = switch (version) {
            case 0 -> 28;
            case 1 -> 44;
            case 2 -> 64;
            default -> throw entry.malformed("has an unknown sound sample entry version " + version);
        };
        Box esds = null;
        for (Box b : entry.children(fields)) {
            if (b.type.equals("esds")) {
                esds = b;
            }
        }
        if (esds == null) {
            throw entry.malformed("has no 'esds' box");
        }
        int[] config = new int[2];
        String codec = aac(esds, config);
        return new SampleEntry(codec, 0, 0, config[0] > 0 ? config[0] : sampleRate,
                config[1] > 0 ? config[1] : channels);
    }

    private static Box configuration(Box entry, String type) throws Mp4Refusal {
        for (Box b : entry.children(VISUAL_FIELDS)) {
            if (b.type.equals(type)) {
                return b;
            }
        }
        throw entry.malformed("has no '" + type + "' box");
    }

    private static String avc(String type, Box avcC) throws Mp4Refusal {
        Box.Fields f = avcC.fields();
        f.u8();
        int profile = f.u8();
        int compatibility = f.u8();
        int level = f.u8();
        return String.format("%s.%02x%02x%02x", type, profile, compatibility, level);
    }

    private static String hevc(String type, Box hvcC) throws Mp4Refusal {
        Box.Fields f = hvcC.fields();
        f.u8();
        int b = f.u8();
        int space = b >>> 6;
        boolean highTier = (b & 0x20) != 0;
        int profile = b & 0x1F;
        long compatibility = f.u32();
        byte[] constraints = f.bytes(6);
        int level = f.u8();
        StringBuilder s = new StringBuilder(type).append('.');
        if (space > 0) {
            s.append((char) ('A' + space - 1));
        }
        s.append(profile).append('.')
                .append(Long.toHexString(Integer.reverse((int) compatibility) & 0xFFFFFFFFL).toUpperCase())
                .append('.').append(highTier ? 'H' : 'L').append(level);
        int last = constraints.length;
        while (last > 0 && constraints[last - 1] == 0) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            s.append('.').append(Integer.toHexString(constraints[i] & 0xFF).toUpperCase());
        }
        return s.toString();
    }

    /** mp4a.40.N from the esds: the ES descriptor's decoder config (object type 0x40) and its AudioSpecificConfig. */
    private static final int[] AAC_RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000,
        11025, 8000, 7350};
    private static final int[] AAC_CHANNELS = {0, 1, 2, 3, 4, 5, 6, 8};

    /** Also fills {@code config} with the AudioSpecificConfig's sample rate and channel count (0 when unknown). */
    private static String aac(Box esds, int[] config) throws Mp4Refusal {
        Box.Fields f = esds.fields();
        f.skip(4);
        if (descriptor(f, esds) != 3) {
            throw esds.malformed("does not start with an ES descriptor");
        }
        f.skip(2);
        int flags = f.u8();
        if ((flags & 0x80) != 0) {
            f.skip(2);
        }
        if ((flags & 0x40) != 0) {
            f.skip(f.u8());
        }
        if ((flags & 0x20) != 0) {
            f.skip(2);
        }
        if (descriptor(f, esds) != 4) {
            throw esds.malformed("has no decoder configuration");
        }
        int objectType = f.u8();
        f.skip(1 + 3 + 4 + 4);
        if (objectType != 0x40) {
            String name = switch (objectType) {
                case 0x69, 0x6B -> "MP3 audio";
                case 0x66, 0x67, 0x68 -> "MPEG-2 AAC audio";
                default -> "MPEG-4 audio object type 0x" + Integer.toHexString(objectType);
            };
            throw new Mp4Refusal(Mp4Refusal.Reason.UNSUPPORTED_CODEC, "The MP4's audio is " + name + " ('mp4a."
                    + Integer.toHexString(objectType).toUpperCase() + "'); adaptive streaming supports AAC audio"
                    + " (mp4a.40). Re-encode it, e.g. with `-c:a aac`.");
        }
        if (descriptor(f, esds) != 5) {
            throw esds.malformed("has no AAC AudioSpecificConfig");
        }
        long bits = 0;
        int available = 0;
        while (available < 56 && f.remaining() > 0) {
            bits = bits << 8 | f.u8();
            available += 8;
        }
        if (available < 16) {
            throw esds.malformed("has an AudioSpecificConfig too short for its fields");
        }
        bits <<= 64 - available;
        int audioObjectType = (int) (bits >>> 59);
        int used = 5;
        if (audioObjectType == 31) {
            audioObjectType = 32 + (int) ((bits << 5) >>> 58);
            used = 11;
        }
        int rateIndex = (int) ((bits << used) >>> 60);
        used += 4;
        if (rateIndex == 15) {
            config[0] = (int) ((bits << used) >>> 40);
            used += 24;
        } else if (rateIndex < AAC_RATES.length) {
            config[0] = AAC_RATES[rateIndex];
        }
        if (used + 4 <= available) {
            int channelConfig = (int) ((bits << used) >>> 60);
            config[1] = channelConfig < AAC_CHANNELS.length ? AAC_CHANNELS[channelConfig] : 0;
        }
        if (audioObjectType == 0) {
            throw esds.malformed("has an AAC audio object type of 0");
        }
        return "mp4a.40." + audioObjectType;
    }

    private static int descriptor(Box.Fields f, Box esds) throws Mp4Refusal {
        int tag = f.u8();
        long length = 0;
        for (int i = 0; i < 4; i++) {
            int b = f.u8();
            length = length << 7 | (b & 0x7F);
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (length > f.remaining()) {
            throw esds.malformed("holds a descriptor longer than the box");
        }
        return tag;
    }

    private static Mp4Refusal unsupported(String type, TrackKind kind) {
        String name = KNOWN.getOrDefault(type, "an unknown " + (kind == TrackKind.VIDEO ? "video" : "audio")
                + " format");
        String wanted = kind == TrackKind.VIDEO
                ? "H.264 (avc1) or HEVC (hvc1/hev1) video; re-encode it, e.g. with `-c:v libx264`"
                : "AAC audio (mp4a); re-encode it, e.g. with `-c:a aac`";
        return new Mp4Refusal(Mp4Refusal.Reason.UNSUPPORTED_CODEC, "The MP4's " + (kind == TrackKind.VIDEO
                ? "video" : "audio") + " codec '" + Box.printable(type) + "' (" + name
                + ") cannot be streamed adaptively: it supports " + wanted + ".");
    }
}
