package io.marquee.packaging.mp4;

/** Expands a stbl's run-length tables (stsz/stz2, stts, ctts, stss, stsc, stco/co64) into a {@link SampleTable}. */
final class SampleTables {

    private SampleTables() {
    }

    static SampleTable read(Box stbl, String what, TrackKind kind, long compositionShift) throws Mp4Refusal {
        int[] sizes = sizes(stbl, what);
        int n = sizes.length;
        int[] durations = durations(stbl.require("stts"), n);
        int[] ctos = compositionOffsets(stbl.child("ctts"), n, compositionShift, what);
        boolean[] sync = kind == TrackKind.AUDIO ? null : sync(stbl.child("stss"), n);
        long[] offsets = offsets(stbl, sizes, what);
        if (sync != null && !sync[0]) {
            throw new Mp4Refusal(Mp4Refusal.Reason.UNSUPPORTED_LAYOUT, "The MP4's " + what
                    + " does not start with a keyframe.");
        }
        return SampleTable.of(sizes, offsets, durations, ctos, sync);
    }

    private static int[] sizes(Box stbl, String what) throws Mp4Refusal {
        Box stsz = stbl.child("stsz");
        Box stz2 = stsz == null ? stbl.child("stz2") : null;
        if (stsz == null && stz2 == null) {
            throw stbl.malformed("has no sample size table");
        }
        Box.Fields f = (stsz != null ? stsz : stz2).fields();
        f.skip(4);
        long fixed = 0;
        int fieldBits = 32;
        if (stsz != null) {
            fixed = f.u32();
        } else {
            f.skip(3);
            fieldBits = f.u8();
            if (fieldBits != 4 && fieldBits != 8 && fieldBits != 16) {
                throw stz2.malformed("has a field size of " + fieldBits + " bits");
            }
        }
        long count = f.u32();
        if (count == 0) {
            throw new Mp4Refusal(Mp4Refusal.Reason.EMPTY_TRACK, "The MP4's " + what + " has no samples.");
        }
        if (count > Mp4IndexReader.MAX_SAMPLES) {
            throw new Mp4Refusal(Mp4Refusal.Reason.TOO_LARGE, "The MP4's " + what + " has " + count
                    + " samples; at most " + Mp4IndexReader.MAX_SAMPLES + " per track can be packaged.");
        }
        int n = (int) count;
        if (stsz != null && fixed != 0) {
            if (fixed > Integer.MAX_VALUE) {
                throw stsz.malformed("has an impossible sample size");
            }
            int[] sizes = new int[n];
            java.util.Arrays.fill(sizes, (int) fixed);
            return sizes;
        }
        if (stsz != null) {
            f.needEntries(n, 4);
        } else if ((long) n * fieldBits > (long) f.remaining() * 8) {
            f.needEntries((n * (long) fieldBits + 7) / 8, 1);
        }
        int[] sizes = new int[n];
        for (int i = 0; i < n; i++) {
            long size;
            if (fieldBits == 4) {
                int b = f.u8();
                sizes[i] = b >>> 4;
                if (i + 1 < n) {
                    sizes[++i] = b & 0x0F;
                }
                continue;
            }
            size = fieldBits == 8 ? f.u8() : fieldBits == 16 ? f.u16() : f.u32();
            if (size > Integer.MAX_VALUE) {
                throw stbl.malformed("has an impossible sample size");
            }
            sizes[i] = (int) size;
        }
        return sizes;
    }

    private static int[] durations(Box stts, int n) throws Mp4Refusal {
        Box.Fields f = stts.fields();
        f.skip(4);
        long entries = f.u32();
        f.needEntries(entries, 8);
        int[] durations = new int[n];
        int at = 0;
        for (long e = 0; e < entries; e++) {
            long count = f.u32();
            long delta = f.u32();
            if (count > n - at) {
                throw stts.malformed("describes more samples than the track has");
            }
            if (delta > Integer.MAX_VALUE) {
                throw stts.malformed("has an impossible sample duration");
            }
            java.util.Arrays.fill(durations, at, at + (int) count, (int) delta);
            at += (int) count;
        }
        if (at != n) {
            throw stts.malformed("describes " + at + " samples but the track has " + n);
        }
        return durations;
    }

    private static int[] compositionOffsets(Box ctts, int n, long shift, String what) throws Mp4Refusal {
        int[] ctos = new int[n];
        if (ctts != null) {
            Box.Fields f = ctts.fields();
            f.skip(4);
            long entries = f.u32();
            f.needEntries(entries, 8);
            int at = 0;
            for (long e = 0; e < entries; e++) {
                long count = f.u32();
                int offset = f.s32();
                if (count > n - at) {
                    throw ctts.malformed("describes more samples than the track has");
                }
                java.util.Arrays.fill(ctos, at, at + (int) count, offset);
                at += (int) count;
            }
            if (at != n) {
                throw ctts.malformed("describes " + at + " samples but the track has " + n);
            }
        }
        if (shift != 0) {
            for (int i = 0; i < n; i++) {
                long shifted = ctos[i] + shift;
                if (shifted < Integer.MIN_VALUE || shifted > Integer.MAX_VALUE) {
                    throw new Mp4Refusal(Mp4Refusal.Reason.UNSUPPORTED_LAYOUT, "The MP4's " + what
                            + " has an edit list that moves its samples too far.");
                }
                ctos[i] = (int) shifted;
            }
        }
        return ctos;
    }

    private static boolean[] sync(Box stss, int n) throws Mp4Refusal {
        if (stss == null) {
            return null;
        }
        Box.Fields f = stss.fields();
        f.skip(4);
        long entries = f.u32();
        f.needEntries(entries, 4);
        boolean[] sync = new boolean[n];
        for (long e = 0; e < entries; e++) {
            long number = f.u32();
            if (number < 1 || number > n) {
                throw stss.malformed("names sample " + number + " of " + n);
            }
            sync[(int) number - 1] = true;
        }
        return sync;
    }

    private static long[] offsets(Box stbl, int[] sizes, String what) throws Mp4Refusal {
        int n = sizes.length;
        Box stco = stbl.child("stco");
        Box co64 = stco == null ? stbl.child("co64") : null;
        if (stco == null && co64 == null) {
            throw stbl.malformed("has no chunk offset table");
        }
        Box chunkBox = stco != null ? stco : co64;
        Box.Fields c = chunkBox.fields();
        c.skip(4);
        long chunks = c.u32();
        c.needEntries(chunks, stco != null ? 4 : 8);
        if (chunks > n) {
            throw chunkBox.malformed("lists more chunks (" + chunks + ") than the track has samples (" + n + ")");
        }
        Box stsc = stbl.require("stsc");
        Box.Fields s = stsc.fields();
        s.skip(4);
        long runs = s.u32();
        s.needEntries(runs, 12);
        if (runs == 0) {
            throw stsc.malformed("has no entries");
        }
        long[] offsets = new long[n];
        int sample = 0;
        long chunk = 1;
        long runFirst = s.u32();
        long runPerChunk = s.u32();
        long description = s.u32();
        if (runFirst != 1) {
            throw stsc.malformed("does not start at chunk 1");
        }
        long nextFirst = runs > 1 ? s.u32() : Long.MAX_VALUE;
        long runsRead = 1;
        long previousEnd = -1;
        for (; chunk <= chunks; chunk++) {
            while (chunk >= nextFirst) {
                runPerChunk = s.u32();
                description = s.u32();
                runsRead++;
                long following = runsRead < runs ? s.u32() : Long.MAX_VALUE;
                if (following <= nextFirst) {
                    throw stsc.malformed("has chunk numbers that do not increase");
                }
                nextFirst = following;
            }
            if (description != 1) {
                throw new Mp4Refusal(Mp4Refusal.Reason.UNSUPPORTED_LAYOUT, "The MP4's " + what
                        + " switches between several sample descriptions.");
            }
            long offset = stco != null ? c.u32() : c.u64();
            if (runPerChunk > n - sample) {
                throw stsc.malformed("puts more samples into chunks than the track has");
            }
            for (long k = 0; k < runPerChunk; k++) {
                if (offset < previousEnd) {
                    throw new Mp4Refusal(Mp4Refusal.Reason.UNSUPPORTED_LAYOUT, "The MP4's " + what
                            + " stores its samples out of order in the file (sample " + (sample + 1)
                            + " lies before the end of the one decoded before it); remux it, e.g. with"
                            + " `ffmpeg -i in.mp4 -c copy -movflags +faststart out.mp4`.");
                }
                offsets[sample] = offset;
                previousEnd = offset + sizes[sample];
                offset = previousEnd;
                sample++;
            }
        }
        if (sample != n) {
            throw stsc.malformed("puts " + sample + " samples into chunks but the track has " + n);
        }
        if (offsets[0] < 0 || previousEnd < 0) {
            throw chunkBox.malformed("has an impossible offset");
        }
        return offsets;
    }
}
