package io.marquee.packaging.mp4;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes CMAF-style fragmented MP4 for one track: the init segment (ftyp + moov with the source's sample entry and
 * mvex) and each media segment's header (styp + moof + mdat box header), whose payload is the segment's samples in
 * decode order, copied from the source spans. Composition offsets are written signed (trun version 1), so the edit
 * list of the source needs no edit list in the output.
 */
public final class Fmp4Writer {

    private static final int SYNC_FLAGS = 0x02000000;
    private static final int NON_SYNC_FLAGS = 0x01010000;
    private static final int[] MATRIX = {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000};

    private Fmp4Writer() {
    }

    /** ftyp + moov(mvex/trex), one track. */
    public static byte[] initSegment(TrackIndex track) {
        boolean video = track.kind() == TrackKind.VIDEO;
        BoxWriter w = new BoxWriter(1024 + track.sampleEntry().length);
        int ftyp = w.open("ftyp");
        w.fourcc("iso6").u32(0).fourcc("iso6").fourcc("cmfc").fourcc("mp41").fourcc("dash");
        w.close(ftyp);
        int moov = w.open("moov");
        int mvhd = w.open("mvhd", 0, 0);
        w.u32(0).u32(0).u32(track.timescale()).u32(0).u32(0x00010000).u16(0x0100).zeros(10);
        matrix(w);
        w.zeros(24).u32(track.trackId() + 1L);
        w.close(mvhd);
        int trak = w.open("trak");
        int tkhd = w.open("tkhd", 0, 3);
        w.u32(0).u32(0).u32(track.trackId()).u32(0).u32(0).zeros(8).u16(0).u16(0).u16(video ? 0 : 0x0100).u16(0);
        matrix(w);
        w.u32((long) track.width() << 16).u32((long) track.height() << 16);
        w.close(tkhd);
        int mdia = w.open("mdia");
        int mdhd = w.open("mdhd", 0, 0);
        w.u32(0).u32(0).u32(track.timescale()).u32(0).u16(language(track.language())).u16(0);
        w.close(mdhd);
        int hdlr = w.open("hdlr", 0, 0);
        w.u32(0).fourcc(video ? "vide" : "soun").zeros(12).bytes(video ? new byte[] {'V', 'i', 'd', 'e', 'o', 0}
                : new byte[] {'S', 'o', 'u', 'n', 'd', 0});
        w.close(hdlr);
        int minf = w.open("minf");
        if (video) {
            int vmhd = w.open("vmhd", 0, 1);
            w.zeros(8);
            w.close(vmhd);
        } else {
            int smhd = w.open("smhd", 0, 0);
            w.zeros(4);
            w.close(smhd);
        }
        int dinf = w.open("dinf");
        int dref = w.open("dref", 0, 0);
        w.u32(1);
        int url = w.open("url ", 0, 1);
        w.close(url);
        w.close(dref);
        w.close(dinf);
        int stbl = w.open("stbl");
        int stsd = w.open("stsd", 0, 0);
        w.u32(1).bytes(track.sampleEntry());
        w.close(stsd);
        for (String empty : new String[] {"stts", "stsc"}) {
            int b = w.open(empty, 0, 0);
            w.u32(0);
            w.close(b);
        }
        int stsz = w.open("stsz", 0, 0);
        w.u32(0).u32(0);
        w.close(stsz);
        int stco = w.open("stco", 0, 0);
        w.u32(0);
        w.close(stco);
        w.close(stbl);
        w.close(minf);
        w.close(mdia);
        w.close(trak);
        int mvex = w.open("mvex");
        int trex = w.open("trex", 0, 0);
        w.u32(track.trackId()).u32(1).u32(0).u32(0).u32(0);
        w.close(trex);
        w.close(mvex);
        w.close(moov);
        return w.toByteArray();
    }

    /** Segment {@code segmentNumber} (0-based): its header bytes and the source spans that follow them. */
    public static SegmentLayout mediaSegment(TrackIndex track, int segmentNumber) {
        SegmentIndex segment = track.segments().get(segmentNumber);
        return fragment(track, segmentNumber, segment.sampleCount(), -1);
    }

    /**
     * The I-frame of segment {@code segmentNumber} alone, lasting the whole segment: what an
     * {@code EXT-X-I-FRAMES-ONLY} playlist lists for trick play (scrubbing thumbnails, fast seeking).
     */
    public static SegmentLayout keyFrameSegment(TrackIndex track, int segmentNumber) {
        SegmentIndex segment = track.segments().get(segmentNumber);
        return fragment(track, segmentNumber, 1, segment.durationTicks());
    }

    /**
     * A fragment of the first {@code sampleCount} samples of a segment; when {@code lastDuration >= 0} the last
     * sample lasts that long instead of its own duration.
     */
    private static SegmentLayout fragment(TrackIndex track, int segmentNumber, int sampleCount, long lastDuration) {
        SegmentIndex segment = track.segments().get(segmentNumber);
        SampleTable s = track.samples();
        int first = segment.firstSample();
        int end = first + sampleCount;
        boolean offsets = false;
        for (int i = first; i < end && !offsets; i++) {
            offsets = s.compositionOffset(i) != 0;
        }
        int perSample = offsets ? 16 : 12;
        BoxWriter w = new BoxWriter(128 + perSample * sampleCount);
        int styp = w.open("styp");
        w.fourcc("msdh").u32(0).fourcc("msdh").fourcc("msix");
        w.close(styp);
        int moof = w.open("moof");
        int mfhd = w.open("mfhd", 0, 0);
        w.u32(segmentNumber + 1L);
        w.close(mfhd);
        int traf = w.open("traf");
        int tfhd = w.open("tfhd", 0, 0x020000);
        w.u32(track.trackId());
        w.close(tfhd);
        int tfdt = w.open("tfdt", 1, 0);
        w.u64(s.decodeTime(first));
        w.close(tfdt);
        int trun = w.open("trun", 1, 0x000001 | 0x000100 | 0x000200 | 0x000400 | (offsets ? 0x000800 : 0));
        w.u32(sampleCount);
        int dataOffset = w.position();
        w.u32(0);
        List<SourceSpan> spans = new ArrayList<>();
        long spanStart = s.offset(first);
        long spanEnd = spanStart;
        long payload = 0;
        for (int i = first; i < end; i++) {
            long duration = i == end - 1 && lastDuration >= 0 ? lastDuration : s.duration(i);
            w.u32(duration).u32(s.size(i)).u32(s.sync(i) ? SYNC_FLAGS : NON_SYNC_FLAGS);
            if (offsets) {
                w.u32(s.compositionOffset(i));
            }
            long offset = s.offset(i);
            if (offset != spanEnd) {
                spans.add(new SourceSpan(spanStart, spanEnd - spanStart));
                spanStart = offset;
            }
            spanEnd = offset + s.size(i);
            payload += s.size(i);
        }
        spans.add(new SourceSpan(spanStart, spanEnd - spanStart));
        w.close(trun);
        w.close(traf);
        w.close(moof);
        int moofSize = w.position() - moof;
        boolean large = payload + 8 > 0xFFFFFFFFL;
        int mdatHeader = large ? 16 : 8;
        w.patch(dataOffset, moofSize + mdatHeader);
        if (large) {
            w.u32(1).fourcc("mdat").u64(payload + 16);
        } else {
            w.u32(payload + 8).fourcc("mdat");
        }
        byte[] header = w.toByteArray();
        spans.removeIf(span -> span.length() == 0);
        if (spans.isEmpty()) {
            spans.add(new SourceSpan(s.offset(first), 0));
        }
        return new SegmentLayout(header, spans, header.length + payload, header.length + (long) s.size(first));
    }

    private static void matrix(BoxWriter w) {
        for (int m : MATRIX) {
            w.u32(m & 0xFFFFFFFFL);
        }
    }

    private static int language(String code) {
        if (code.length() != 3) {
            return 0x55C4;
        }
        int packed = 0;
        for (int i = 0; i < 3; i++) {
            int c = code.charAt(i) - 0x60;
            if (c < 1 || c > 26) {
                return 0x55C4;
            }
            packed = packed << 5 | c;
        }
        return packed;
    }
}
