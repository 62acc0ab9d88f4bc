package io.marquee.streaming.body;

import io.marquee.packaging.mp4.SourceSpan;
import io.marquee.streaming.StoredObject;
import io.marquee.streaming.body.BodyPart.Bytes;
import io.marquee.streaming.body.BodyPart.ObjectBytes;
import io.marquee.streaming.http.ByteRange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteBodyTest {

    private static final byte[] SOURCE = new byte[4096];
    private static final StoredObject OBJECT = new StoredObject(UUID.randomUUID(), UUID.randomUUID(), "video", "360p", null, "k",
            "video/mp4", SOURCE.length, "\"e\"", Instant.EPOCH);

    static {
        new Random(7).nextBytes(SOURCE);
    }

    /** What the parts put on the wire, reading object parts from SOURCE as the transfer would. */
    private static byte[] render(List<BodyPart> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (BodyPart part : parts) {
            if (part instanceof Bytes b) {
                out.writeBytes(b.bytes());
            } else {
                ObjectBytes o = (ObjectBytes) part;
                if (o.kept().isEmpty()) {
                    out.write(SOURCE, (int) o.read().first(), (int) o.read().length());
                } else {
                    for (SourceSpan span : o.kept()) {
                        out.write(SOURCE, (int) span.offset(), (int) span.length());
                    }
                }
            }
        }
        return out.toByteArray();
    }

    private static ByteBody segment() {
        byte[] header = "HEADER-BYTES".getBytes();
        List<SourceSpan> kept = List.of(new SourceSpan(100, 50), new SourceSpan(200, 1), new SourceSpan(300, 400));
        return ByteBody.of(new Bytes(header), new ObjectBytes(OBJECT, new ByteRange(100, 699), kept));
    }

    @Test
    void aStoredObjectIsOnePartAndSlicesToOneRangedRead() {
        ByteBody body = ByteBody.of(OBJECT);
        assertThat(body.length()).isEqualTo(SOURCE.length);
        List<BodyPart> slice = body.slice(new ByteRange(10, 19));
        assertThat(slice).containsExactly(ObjectBytes.whole(OBJECT, new ByteRange(10, 19)));
    }

    @Test
    void everyRangeOfASegmentCarriesExactlyThoseBytes() {
        ByteBody body = segment();
        byte[] whole = render(body.parts());
        assertThat(whole.length).isEqualTo(body.length()).isEqualTo(12 + 451);
        for (int first = 0; first < whole.length; first += 7) {
            for (int last = first; last < whole.length; last += 13) {
                List<BodyPart> slice = body.slice(new ByteRange(first, last));
                assertThat(render(slice)).as("%d-%d", first, last)
                        .isEqualTo(java.util.Arrays.copyOfRange(whole, first, last + 1));
                assertThat(slice.stream().filter(p -> p instanceof ObjectBytes).count()).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void aSliceReadsOnlyFromItsFirstToItsLastKeptByte() {
        List<BodyPart> slice = segment().slice(new ByteRange(12 + 49, 12 + 51));
        ObjectBytes read = (ObjectBytes) slice.get(0);
        assertThat(read.read()).isEqualTo(new ByteRange(149, 300));
        assertThat(read.kept()).containsExactly(new SourceSpan(149, 1), new SourceSpan(200, 1), new SourceSpan(300, 1));
    }

    @Test
    void aRangeBeyondTheBodyIsAProgrammingError() {
        assertThatThrownBy(() -> segment().slice(new ByteRange(0, 463))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyObjectHasNoParts() {
        StoredObject empty = new StoredObject(UUID.randomUUID(), UUID.randomUUID(), "video", "360p", null, "k", "video/mp4", 0,
                "\"e\"", Instant.EPOCH);
        assertThat(ByteBody.of(empty).parts()).isEmpty();
    }
}
