package io.marquee.packaging.mp4;

/** Reads one trak box: headers, sample entry, sample tables, and the edit list folded into composition offsets. */
final class TrackReader {

    record Track(int trackId, TrackKind kind, int timescale, String language, SampleEntry entry, byte[] sampleEntry,
                 int width, int height, SampleTable samples) {
    }

    private TrackReader() {
    }

    /** The sample count a video or audio track's size table announces (0 for other tracks or without one). */
    static long declaredSamples(Box trak) throws Mp4Refusal {
        Box mdia = trak.child("mdia");
        Box hdlr = mdia == null ? null : mdia.child("hdlr");
        Box minf = mdia == null ? null : mdia.child("minf");
        Box stbl = minf == null ? null : minf.child("stbl");
        if (hdlr == null || stbl == null) {
            return 0;
        }
        Box.Fields h = hdlr.fields();
        h.skip(8);
        String handler = h.fourcc();
        if (!handler.equals("vide") && !handler.equals("soun")) {
            return 0;
        }
        Box sizes = stbl.child("stsz");
        if (sizes == null) {
            sizes = stbl.child("stz2");
        }
        if (sizes == null) {
            return 0;
        }
        Box.Fields f = sizes.fields();
        f.skip(8);
        return f.u32();
    }

    /** The track, or null when it is neither video nor audio. */
    static Track read(Box trak, long movieTimescale) throws Mp4Refusal {
        Box mdia = trak.require("mdia");
        Box hdlr = mdia.require("hdlr");
        Box.Fields h = hdlr.fields();
        h.skip(8);
        String handler = h.fourcc();
        TrackKind kind = switch (handler) {
            case "vide" -> TrackKind.VIDEO;
            case "soun" -> TrackKind.AUDIO;
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        Box.Fields t = trak.require("tkhd").fields();
        int tkhdVersion = t.u8();
        t.skip(3 + (tkhdVersion == 1 ? 16 : 8));
        int trackId = t.s32();
        t.skip(4 + (tkhdVersion == 1 ? 8 : 4) + 8 + 2 + 2 + 2 + 2 + 36);
        int displayWidth = (int) (t.u32() >>> 16);
        int displayHeight = (int) (t.u32() >>> 16);

        Box.Fields m = mdia.require("mdhd").fields();
        int mdhdVersion = m.u8();
        m.skip(3 + (mdhdVersion == 1 ? 16 : 8));
        long timescale = m.u32();
        m.skip(mdhdVersion == 1 ? 8 : 4);
        String language = language(m.u16());
        if (timescale == 0 || timescale > Integer.MAX_VALUE) {
            throw mdia.malformed("has a media timescale of " + timescale);
        }
        String what = (kind == TrackKind.VIDEO ? "video" : "audio") + " track " + trackId;

        Box stbl = mdia.require("minf").require("stbl");
        Box stsd = stbl.require("stsd");
        Box.Fields d = stsd.fields();
        d.skip(4);
        long entries = d.u32();
        var entryBoxes = stsd.children(8);
        if (entries < 1 || entryBoxes.isEmpty()) {
            throw stsd.malformed("has no sample entry");
        }
        Box entryBox = entryBoxes.get(0);
        SampleEntry entry = SampleEntry.read(entryBox, kind);

        SampleTable samples = SampleTables.read(stbl, what, kind, editShift(trak, movieTimescale, timescale, what));
        int width = kind == TrackKind.VIDEO ? (displayWidth > 0 ? displayWidth : entry.width()) : 0;
        int height = kind == TrackKind.VIDEO ? (displayHeight > 0 ? displayHeight : entry.height()) : 0;
        return new Track(trackId, kind, (int) timescale, language, entry, entryBox.bytes(), width, height, samples);
    }

    /**
     * What to add to every composition offset so presentation times are those the edit list asks for: leading empty
     * edits delay the track, then one edit at rate 1 starts presentation at its media time (B-frame delay, AAC
     * priming). Anything else is refused.
     */
    private static long editShift(Box trak, long movieTimescale, long mediaTimescale, String what)
            throws Mp4Refusal {
        Box edts = trak.child("edts");
        Box elst = edts == null ? null : edts.child("elst");
        if (elst == null) {
            return 0;
        }
        Box.Fields f = elst.fields();
        int version = f.u8();
        f.skip(3);
        long count = f.u32();
        f.needEntries(count, version == 1 ? 20 : 12);
        long delay = 0;
        Long mediaTime = null;
        for (long i = 0; i < count; i++) {
            long duration = version == 1 ? f.u64() : f.u32();
            long time = version == 1 ? f.u64() : f.s32();
            int rateInteger = (short) f.u16();
            int rateFraction = f.u16();
            if (time == -1) {
                if (mediaTime != null) {
                    throw layout(what, "has an empty edit after its media edit");
                }
                delay += duration;
                continue;
            }
            if (mediaTime != null) {
                throw layout(what, "has an edit list with several media edits");
            }
            if (rateInteger != 1 || rateFraction != 0) {
                throw layout(what, "has an edit played at a rate other than 1");
            }
            if (time < 0) {
                throw elst.malformed("has a negative media time");
            }
            mediaTime = time;
        }
        if (mediaTime == null) {
            if (count == 0) {
                return 0;
            }
            throw layout(what, "has an edit list that presents none of its media");
        }
        if (delay < 0 || delay > 1L << 40 || mediaTime > 1L << 40) {
            throw layout(what, "has an edit list with an implausible delay");
        }
        long delayTicks = Math.round((double) delay * mediaTimescale / movieTimescale);
        return delayTicks - mediaTime;
    }

    private static Mp4Refusal layout(String what, String problem) {
        return new Mp4Refusal(Mp4Refusal.Reason.UNSUPPORTED_LAYOUT, "The MP4's " + what + " " + problem
                + ", which adaptive streaming cannot reproduce; remux it, e.g. with `ffmpeg -i in.mp4 -c copy"
                + " -movflags +faststart out.mp4`.");
    }

    private static String language(int packed) {
        if (packed == 0 || packed == 0x7FFF) {
            return "und";
        }
        char[] c = {(char) (((packed >> 10) & 0x1F) + 0x60), (char) (((packed >> 5) & 0x1F) + 0x60),
                (char) ((packed & 0x1F) + 0x60)};
        for (char x : c) {
            if (x < 'a' || x > 'z') {
                return "und";
            }
        }
        return new String(c);
    }
}
