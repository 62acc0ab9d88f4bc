package io.marquee.streaming;

import io.marquee.support.Api;
import io.marquee.support.MediaFixtures;
import io.marquee.streaming.http.HttpDates;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.http.Headers;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every line of docs/RANGE-RULES.md against the byte endpoint and a real S3-compatible server, with objects of 0, 1,
 * 1000 bytes and 3 MiB; each case checks status, framing headers and the bytes themselves, for GET and for HEAD.
 */
@QuarkusTest
class RangeStreamingTest {

    private static final int BIG = 3 * 1024 * 1024;
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] ONE = {42};
    private static final byte[] THOUSAND = MediaFixtures.bytes(1000, 11);
    private static final byte[] LARGE = MediaFixtures.bytes(BIG, 12);
    private static final Map<String, String> URLS = new HashMap<>();
    private static final Map<String, Headers> VALIDATORS = new HashMap<>();

    @Inject
    MediaFixtures media;

    /** A request: object (by size name), request headers, expected status and Content-Range, expected body. */
    record Case(String name, String object, List<Header> headers, int status, String contentRange, int first, int last) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, String object, int status, String contentRange, int first, int last, String... headers) {
        List<Header> list = new ArrayList<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            list.add(new Header(headers[i], headers[i + 1]));
        }
        return new Case(name, object, list, status, contentRange, first, last);
    }

    static Stream<Case> rangeCases() {
        return Stream.of(
                c("no Range: whole object", "1000", 200, null, 0, 999),
                c("first-last", "1000", 206, "bytes 100-199/1000", 100, 199, "Range", "bytes=100-199"),
                c("open-ended first-", "1000", 206, "bytes 100-999/1000", 100, 999, "Range", "bytes=100-"),
                c("suffix", "1000", 206, "bytes 900-999/1000", 900, 999, "Range", "bytes=-100"),
                c("last beyond L-1 is clamped", "1000", 206, "bytes 0-999/1000", 0, 999, "Range", "bytes=0-5000"),
                c("last too large for a long is clamped", "1000", 206, "bytes 990-999/1000", 990, 999,
                        "Range", "bytes=990-99999999999999999999999"),
                c("suffix >= L is the whole object", "1000", 206, "bytes 0-999/1000", 0, 999, "Range", "bytes=-5000"),
                c("unit is case-insensitive", "1000", 206, "bytes 0-9/1000", 0, 9, "Range", "BYTES=0-9"),
                c("whitespace around items", "1000", 206, "bytes 5-9/1000", 5, 9, "Range", "bytes= \t5-9 "),
                c("unknown unit is ignored", "1000", 200, null, 0, 999, "Range", "items=0-5"),
                c("unsatisfiable specs are dropped", "1000", 206, "bytes 0-9/1000", 0, 9, "Range", "bytes=0-9,1000-1010"),
                c("overlapping ranges are coalesced", "1000", 206, "bytes 0-14/1000", 0, 14, "Range", "bytes=0-9,5-14"),
                c("adjacent ranges are coalesced", "1000", 206, "bytes 0-19/1000", 0, 19, "Range", "bytes=0-9,10-19"),
                c("empty header is invalid", "1000", 416, "bytes */1000", -1, -1, "Range", "bytes="),
                c("letters are invalid", "1000", 416, "bytes */1000", -1, -1, "Range", "bytes=abc"),
                c("first > last is invalid", "1000", 416, "bytes */1000", -1, -1, "Range", "bytes=5-2"),
                c("a bare dash is invalid", "1000", 416, "bytes */1000", -1, -1, "Range", "bytes=-"),
                c("a plus sign is invalid", "1000", 416, "bytes */1000", -1, -1, "Range", "bytes=+5-10"),
                c("hex is invalid", "1000", 416, "bytes */1000", -1, -1, "Range", "bytes=0x10-"),
                c("first too large for a long is invalid", "1000", 416, "bytes */1000", -1, -1,
                        "Range", "bytes=99999999999999999999-"),
                c("first at L is unsatisfiable", "1000", 416, "bytes */1000", -1, -1, "Range", "bytes=1000-"),
                c("-0 is unsatisfiable", "1000", 416, "bytes */1000", -1, -1, "Range", "bytes=-0"),
                c("no satisfiable spec", "1000", 416, "bytes */1000", -1, -1, "Range", "bytes=1000-1001,2000-"),
                c("more than 16 ranges", "1000", 416, "bytes */1000", -1, -1, "Range", seventeenRanges()),
                c("more than 2 overlapping", "1000", 416, "bytes */1000", -1, -1, "Range", "bytes=0-9,5-14,8-20"),
                c("ranges adding up to more than L", "1000", 416, "bytes */1000", -1, -1, "Range", "bytes=0-599,400-999"),
                c("two Range lines are a bad request", "1000", 400, null, -1, -1, "Range", "bytes=0-1", "Range", "bytes=2-3"),
                c("zero-length object ignores Range", "0", 200, null, 0, -1, "Range", "bytes=0-5"),
                c("zero-length object", "0", 200, null, 0, -1),
                c("one-byte object, its byte", "1", 206, "bytes 0-0/1", 0, 0, "Range", "bytes=0-0"),
                c("one-byte object, suffix", "1", 206, "bytes 0-0/1", 0, 0, "Range", "bytes=-1"),
                c("one-byte object, past its end", "1", 416, "bytes */1", -1, -1, "Range", "bytes=1-"),
                c("a MiB from the middle of a large object", "large", 206, "bytes 1048576-2097151/" + BIG, 1048576, 2097151,
                        "Range", "bytes=1048576-2097151"),
                c("a large object whole", "large", 200, null, 0, BIG - 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rangeCases")
    void rangeRules(Case test) {
        for (String method : List.of("GET", "HEAD")) {
            Response response = given().headers(new Headers(test.headers())).request(method, url(test.object()));
            assertThat(response.statusCode()).as(method + " " + test.name()).isEqualTo(test.status());
            assertThat(response.header("Content-Range")).as("Content-Range").isEqualTo(test.contentRange());
            assertThat(response.header("Transfer-Encoding")).as("never chunked").isNull();
            if (test.status() == 200 || test.status() == 206) {
                byte[] content = content(test.object());
                byte[] expected = test.last() < test.first() ? EMPTY : Arrays.copyOfRange(content, test.first(), test.last() + 1);
                assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(expected.length));
                assertThat(response.header("Accept-Ranges")).isEqualTo("bytes");
                assertThat(response.header("ETag")).matches("\"[^\"]+\"");
                assertThat(response.header("Last-Modified")).isNotNull();
                assertThat(response.header("Content-Type")).isEqualTo("video/mp4");
                assertThat(response.header("Cache-Control")).isEqualTo("private");
                assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
                assertThat(response.asByteArray()).isEqualTo("HEAD".equals(method) ? EMPTY : expected);
            } else if (test.status() >= 400) {
                assertThat(response.contentType()).isEqualTo("application/problem+json");
            }
        }
    }

    @Test
    void severalRangesAreMultipartInRequestOrder() {
        Response response = given().header("Range", "bytes=500-509, 0-9,100-109").get(url("1000"));
        response.then().statusCode(206);
        String type = response.header("Content-Type");
        assertThat(type).startsWith("multipart/byteranges; boundary=");
        String boundary = type.substring(type.indexOf("boundary=") + 9);
        byte[] body = response.asByteArray();
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(body.length));
        String text = new String(body, StandardCharsets.ISO_8859_1);
        Matcher part = Pattern.compile("\r\n--" + Pattern.quote(boundary)
                + "\r\nContent-Type: video/mp4\r\nContent-Range: bytes (\\d+)-(\\d+)/1000\r\n\r\n").matcher(text);
        List<int[]> ranges = new ArrayList<>();
        while (part.find()) {
            int first = Integer.parseInt(part.group(1));
            int last = Integer.parseInt(part.group(2));
            byte[] bytes = text.substring(part.end(), part.end() + last - first + 1).getBytes(StandardCharsets.ISO_8859_1);
            assertThat(bytes).isEqualTo(Arrays.copyOfRange(THOUSAND, first, last + 1));
            ranges.add(new int[]{first, last});
        }
        assertThat(ranges).extracting(r -> r[0]).containsExactly(500, 0, 100);
        assertThat(text).endsWith("\r\n--" + boundary + "--\r\n");
        Response head = given().header("Range", "bytes=500-509, 0-9,100-109").head(url("1000"));
        head.then().statusCode(206);
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(body.length));
    }

    @Test
    void conditionalRequests() {
        String url = url("1000");
        String etag = validators("1000").getValue("ETag");
        String lastModified = validators("1000").getValue("Last-Modified");
        Instant modified = HttpDates.parse(lastModified).orElseThrow();
        String earlier = HttpDates.format(modified.minusSeconds(3600));
        String later = HttpDates.format(modified.plusSeconds(3600));

        status(url, 200, "If-Match", etag);
        status(url, 200, "If-Match", "*");
        status(url, 412, "If-Match", "\"something-else\"");
        status(url, 412, "If-Match", "W/" + etag);
        status(url, 412, "If-Unmodified-Since", earlier);
        status(url, 200, "If-Unmodified-Since", later);
        status(url, 200, "If-Match", etag, "If-Unmodified-Since", earlier);
        status(url, 304, "If-None-Match", etag);
        status(url, 304, "If-None-Match", "W/" + etag);
        status(url, 304, "If-None-Match", "*");
        status(url, 200, "If-None-Match", "\"something-else\"");
        status(url, 304, "If-Modified-Since", later);
        status(url, 304, "If-Modified-Since", lastModified);
        status(url, 200, "If-Modified-Since", earlier);
        status(url, 200, "If-Modified-Since", "not a date");
        status(url, 200, "If-None-Match", "\"something-else\"", "If-Modified-Since", later);
        status(url, 206, "Range", "bytes=0-9", "If-Range", etag);
        status(url, 200, "Range", "bytes=0-9", "If-Range", "\"something-else\"");
        status(url, 200, "Range", "bytes=0-9", "If-Range", "W/" + etag);
        status(url, 206, "Range", "bytes=0-9", "If-Range", lastModified);
        status(url, 200, "Range", "bytes=0-9", "If-Range", earlier);
        status(url, 412, "If-Match", "\"something-else\"", "Range", "bytes=0-9");

        Response notModified = given().header("If-None-Match", etag).get(url);
        assertThat(notModified.asByteArray()).isEmpty();
        assertThat(notModified.header("ETag")).isEqualTo(etag);
        assertThat(notModified.header("Last-Modified")).isEqualTo(lastModified);
        assertThat(notModified.header("Cache-Control")).isEqualTo("private");
        assertThat(notModified.header("Vary")).isNotNull();
        given().header("If-Match", "\"x\"").get(url).then().contentType("application/problem+json");
    }

    @Test
    void corsIsOfferedToConfiguredPlayerOriginsOnly() {
        Response allowed = given().header("Origin", "https://player.example").header("Range", "bytes=0-1").get(url("1000"));
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://player.example");
        assertThat(allowed.header("Access-Control-Expose-Headers")).contains("Content-Range", "Content-Length",
                "Accept-Ranges", "ETag");
        Response other = given().header("Origin", "https://evil.example").get(url("1000"));
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void otherMethodsAre405() {
        given().post(url("1000")).then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS")
                .contentType("application/problem+json");
    }

    @Test
    void aMissingOrForeignGrantIsRefusedEvenWhenConditional() {
        String url = url("1000");
        String bare = url.substring(0, url.indexOf('?'));
        given().header("If-None-Match", "*").get(bare).then().statusCode(401).contentType("application/problem+json");
        given().get(bare + "?token=" + "x".repeat(40)).then().statusCode(401);
    }

    private static void status(String url, int expected, String... headers) {
        var request = given();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        assertThat(request.get(url).statusCode()).as(String.join(" ", headers)).isEqualTo(expected);
    }

    private static String seventeenRanges() {
        StringBuilder ranges = new StringBuilder("bytes=");
        for (int i = 0; i < 17; i++) {
            ranges.append(i > 0 ? "," : "").append(i * 20).append('-').append(i * 20 + 9);
        }
        return ranges.toString();
    }

    private static byte[] content(String object) {
        return switch (object) {
            case "0" -> EMPTY;
            case "1" -> ONE;
            case "1000" -> THOUSAND;
            default -> LARGE;
        };
    }

    private Headers validators(String object) {
        url(object);
        return VALIDATORS.get(object);
    }

    private synchronized String url(String object) {
        if (URLS.isEmpty()) {
            UUID title = media.movie("Range Rules", 0);
            Map<String, UUID> assets = Map.of("0", media.video(title, "empty", EMPTY), "1", media.video(title, "one", ONE),
                    "1000", media.video(title, "thousand", THOUSAND), "large", media.video(title, "large", LARGE));
            JsonPath playback = Api.as(Api.newProfileToken()).contentType(ContentType.JSON)
                    .body(Map.of("titleId", title.toString())).post("/api/v1/playback")
                    .then().statusCode(201).extract().jsonPath();
            for (Map<String, Object> stream : playback.<Map<String, Object>>getList("streams")) {
                assets.forEach((name, id) -> {
                    if (id.toString().equals(stream.get("assetId"))) {
                        URLS.put(name, (String) stream.get("url"));
                    }
                });
            }
            URLS.keySet().forEach(name -> VALIDATORS.put(name, given().head(URLS.get(name)).headers()));
        }
        return URLS.get(object);
    }
}
