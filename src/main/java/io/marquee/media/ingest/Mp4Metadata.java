package io.marquee.media.ingest;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads the duration ({@code mvhd}) and the picture size (the first {@code tkhd} with one) from a moov box body. */
final class Mp4Metadata {

    private Mp4Metadata() {
    }

    static MediaFacts read(byte[] moovBody) {
        try {
            Integer[] facts = new Integer[3];
            walk(ByteBuffer.wrap(moovBody), facts);
            return new MediaFacts(facts[0], facts[1], facts[2]);
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return MediaFacts.NONE;
        }
    }

    private static void walk(ByteBuffer boxes, Integer[] facts) {
        while (boxes.remaining() >= 8) {
            int start = boxes.position();
            long size = boxes.getInt() & 0xFFFFFFFFL;
            String type = new String(new byte[] {boxes.get(), boxes.get(), boxes.get(), boxes.get()},
                    StandardCharsets.ISO_8859_1);
            if (size == 1) {
                size = boxes.getLong();
            } else if (size == 0) {
                size = boxes.limit() - start;
            }
            int end = (int) Math.min(boxes.limit(), start + size);
            if (size < 8) {
                return;
            }
            ByteBuffer body = boxes.duplicate().position(boxes.position()).limit(end).slice();
            switch (type) {
                case "mvhd" -> movieHeader(body, facts);
                case "tkhd" -> trackHeader(body, facts);
                case "trak" -> walk(body, facts);
                default -> { }
            }
            boxes.position(end);
        }
    }

    private static void movieHeader(ByteBuffer box, Integer[] facts) {
        int version = box.get() & 0xFF;
        box.position(4 + (version == 1 ? 16 : 8));
        long timescale = box.getInt() & 0xFFFFFFFFL;
        long duration = version == 1 ? box.getLong() : box.getInt() & 0xFFFFFFFFL;
        if (timescale > 0) {
            facts[2] = (int) Math.round((double) duration / timescale);
        }
    }

    private static void trackHeader(ByteBuffer box, Integer[] facts) {
        int version = box.get() & 0xFF;
        box.position(4 + (version == 1 ? 32 : 20) + 8 + 8 + 36);
        int width = box.getInt() >>> 16;
        int height = box.getInt() >>> 16;
        if (facts[0] == null && width > 0 && height > 0) {
            facts[0] = width;
            facts[1] = height;
        }
    }
}
