package io.marquee.media;

import io.marquee.account.service.AccountService;
import io.marquee.packaging.index.MediaIndexes;
import io.marquee.packaging.mp4.MediaIndex;
import io.marquee.packaging.mp4.Mp4IndexReader;
import io.marquee.packaging.mp4.SampleTable;
import io.marquee.packaging.mp4.TrackIndex;
import io.marquee.support.Bucket;
import io.marquee.support.Catalog;
import io.marquee.support.Mp4Files;
import io.marquee.support.TestFilm;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

/**
 * Uploads adaptive streaming cannot package are refused with a 422 that says why, leaving no row and no object; the
 * unusual ones it can package (B-frames, edit lists, a variable frame rate) are indexed exactly.
 */
@QuarkusTest
class PackagingUploadTest {

    @Inject
    AccountService accounts;
    @Inject
    S3Client s3;
    @Inject
    Pool pool;
    @Inject
    MediaIndexes indexes;

    private String admin;
    private String title;

    @BeforeEach
    void title() {
        admin = Catalog.newAdminToken(accounts);
        title = Catalog.create(admin, Catalog.movie(Catalog.unique("Packaged"), 0));
    }

    @Test
    void aMalformedMoovIsRefused() {
        refused(TestFilm.malformedMoov(), "damaged", "'trak'", "runs past the end of its parent");
    }

    @Test
    void aTruncatedMoovIsRefused() {
        refused(TestFilm.truncatedMoov(), "truncated", "moov box ends after the end of the upload");
    }

    @Test
    void mpeg4Part2VideoIsRefusedNamingItsCodec() {
        refused(TestFilm.read(TestFilm.mpeg4Part2Video()), "'mp4v'", "MPEG-4 Part 2", "-c:v libx264");
    }

    @Test
    void mp3AudioIsRefusedNamingItsCodec() {
        refused(TestFilm.read(TestFilm.mp3Audio()), "MP3 audio", "mp4a.6B", "-c:a aac");
    }

    @Test
    void aTrackWithoutSamplesIsRefused() {
        refused(TestFilm.zeroLengthAudioTrack(), "audio track 2 has no samples");
    }

    @Test
    void anEditListThatChangesTheRateIsRefused() {
        refused(TestFilm.editListAtDoubleRate(), "video track 1", "rate other than 1");
    }

    @Test
    void aHugeSampleTableIsTooLargeWithoutBeingRead() {
        refused(TestFilm.hugeSampleTable(), "2500000 samples", "at most 2000000");
    }

    @Test
    void aMoovOverTheBoundIsRefusedFromItsHeader() {
        refused(TestFilm.moovOf(17 * 1024 * 1024), "moov box is 17,825,792 bytes", "at most 16,777,216 bytes");
    }

    @Test
    void aMoovPointingPastTheEndOfTheFileIsTruncated() {
        refused(Mp4Files.concat(Mp4Files.headerFor(100), new byte[100]), "truncated", "the file has");
    }

    @Test
    void bFramesWithNegativeCompositionOffsetsAreIndexedExactly() throws Exception {
        Path file = TestFilm.negativeCompositionOffsets();
        MediaIndex index = uploadedIndex(file);
        TrackIndex video = index.video().orElseThrow();
        assertThat(minimumOffset(video.samples())).isNegative();
        assertPresentationTimes(video, file, "v:0");
        assertThat(index).isEqualTo(Mp4IndexReader.read(moov(file), Duration.ofSeconds(6)));
    }

    @Test
    void editListsAreFoldedIntoTheIndex() throws Exception {
        Path bFrames = TestFilm.bFramesWithEditList();
        assertPresentationTimes(uploadedIndex(bFrames).video().orElseThrow(), bFrames, "v:0");
        Path delayed = TestFilm.delayedAudio();
        title = Catalog.create(admin, Catalog.movie(Catalog.unique("Delayed"), 0));
        TrackIndex audio = uploadedIndex(delayed).audio().orElseThrow();
        assertThat((double) audio.presentationStartTicks(0) / audio.timescale()).isGreaterThan(0.9);
        assertPresentationTimes(audio, delayed, "a:0");
    }

    @Test
    void aVariableFrameRateIsIndexedWithEachFramesDuration() throws Exception {
        Path file = TestFilm.variableFrameRate();
        TrackIndex video = uploadedIndex(file).video().orElseThrow();
        assertThat(video.samples().durationRuns()).isGreaterThan(1);
        assertPresentationTimes(video, file, "v:0");
    }

    /** Uploads the file as the title's 360p rendition and returns its index as the packager will read it. */
    private MediaIndex uploadedIndex(Path file) {
        String assetId = upload(TestFilm.read(file)).statusCode(201).extract().path("assetId");
        assertThat(count("SELECT count(*) FROM media_index WHERE asset_id = $1", UUID.fromString(assetId)))
                .isEqualTo(1);
        return indexes.forAsset(UUID.fromString(assetId)).await().atMost(Duration.ofSeconds(10)).orElseThrow();
    }

    private void refused(byte[] body, String... details) {
        List<org.hamcrest.Matcher<? super String>> contains = Arrays.stream(details)
                .<org.hamcrest.Matcher<? super String>>map(d -> containsString(d)).toList();
        upload(body).statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/unprocessable"))
                .body("detail", allOf(contains));
        assertThat(count("SELECT count(*) FROM media_asset WHERE title_id = $1", UUID.fromString(title))).isZero();
        assertThat(count("SELECT count(*) FROM media_index i JOIN media_asset a ON a.id = i.asset_id"
                + " WHERE a.title_id = $1", UUID.fromString(title))).isZero();
        // The multipart upload is aborted before the answer is sent.
        assertThat(Bucket.emptyFor(s3, title)).isTrue();
    }

    private ValidatableResponse upload(byte[] body) {
        return RestAssured.given().header("Authorization", "Bearer " + admin).contentType("video/mp4").body(body)
                .put("/api/v1/admin/titles/" + title + "/media?label=360p").then();
    }

    private long count(String sql, UUID id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }

    private static int minimumOffset(SampleTable samples) {
        int min = Integer.MAX_VALUE;
        for (int i = 0; i < samples.count(); i++) {
            min = Math.min(min, samples.compositionOffset(i));
        }
        return min;
    }

    /** Each sample's presentation time (decode time + composition offset) is ffprobe's pts, in decode order. */
    private static void assertPresentationTimes(TrackIndex track, Path file, String stream) throws Exception {
        Process ffprobe = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", stream, "-show_entries",
                "packet=pts", "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
        List<Long> pts = new String(ffprobe.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines()
                .filter(line -> !line.isBlank()).map(line -> Long.parseLong(line.trim().replace(",", ""))).toList();
        assertThat(ffprobe.waitFor()).isZero();
        SampleTable samples = track.samples();
        assertThat(samples.count()).isEqualTo(pts.size());
        for (int i = 0; i < samples.count(); i++) {
            assertThat(samples.decodeTime(i) + samples.compositionOffset(i)).as("sample " + i).isEqualTo(pts.get(i));
        }
    }

    private static byte[] moov(Path file) throws IOException {
        byte[] bytes = TestFilm.read(file);
        int at = Mp4Files.box(bytes, "moov");
        return Arrays.copyOfRange(bytes, at, at + java.nio.ByteBuffer.wrap(bytes).getInt(at));
    }
}
