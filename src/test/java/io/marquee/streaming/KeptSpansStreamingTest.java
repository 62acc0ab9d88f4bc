package io.marquee.streaming;

import io.marquee.packaging.mp4.SourceSpan;
import io.marquee.support.KeptSpansRoute;
import io.marquee.support.MediaFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body that keeps only some spans of one ranged GET (how packaged segments drop the other track's interleaved
 * bytes): exactly those bytes reach the viewer, whole or as any range of the body, though S3's buffers carry more.
 */
@QuarkusTest
class KeptSpansStreamingTest {

    private static final byte[] CONTENT = MediaFixtures.bytes(3 * 1024 * 1024, 51);
    private static final List<SourceSpan> SPANS = List.of(new SourceSpan(100, 5000), new SourceSpan(70_000, 1_000_000),
            new SourceSpan(1_070_001, 1), new SourceSpan(2_000_000, 900_000));

    @Inject
    MediaFixtures media;

    @Test
    void theWholeBodyIsTheHeaderThenTheKeptSpans() {
        Response response = given().get(path());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asByteArray()).isEqualTo(expected());
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(expected().length));
    }

    @Test
    void spansReadByOneGetEachFollowOneAnother() {
        Response response = given().get(path() + "&each=true");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asByteArray()).isEqualTo(expected());
    }

    @Test
    void aRangeOfTheBodyCutsThroughHeaderAndSpans() {
        byte[] all = expected();
        Response response = given().header("Range", "bytes=10-1005100").get(path());
        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.asByteArray()).isEqualTo(Arrays.copyOfRange(all, 10, 1005101));
        Response tail = given().header("Range", "bytes=-900001").get(path());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.asByteArray()).isEqualTo(Arrays.copyOfRange(all, all.length - 900001, all.length));
    }

    private String path() {
        UUID title = media.movie("Kept spans " + UUID.randomUUID(), 0);
        UUID asset = media.video(title, "720p", CONTENT);
        return "/test-support/kept-spans/" + asset + "?spans=" + KeptSpansRoute.query(SPANS);
    }

    private static byte[] expected() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(KeptSpansRoute.HEADER);
        for (SourceSpan span : SPANS) {
            out.write(CONTENT, (int) span.offset(), (int) span.length());
        }
        return out.toByteArray();
    }
}
