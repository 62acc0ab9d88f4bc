package io.marquee.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.localservices.LocalServices;
import io.marquee.support.Eventually;
import io.marquee.support.PackagedApp;
import io.marquee.support.ProductionEnvironment;
import io.marquee.support.VideoUpload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to the packaged app in production mode while a slow viewer is mid-stream (issue 7, item 4): readiness goes
 * DOWN at once, the app keeps serving through {@code quarkus.shutdown.delay}, then refuses new requests, lets the
 * running stream finish within {@code quarkus.shutdown.timeout}, and exits 0. The numbers come from
 * application.properties, the same settings the k8s and ECS grace periods derive from (deploy/README.md).
 */
class GracefulShutdownIT {

    /** Large enough that the app is still writing the stream after the drain delay, even with full socket buffers. */
    private static final long SIZE = 16L * 1024 * 1024;
    /** The slow client reads the whole stream in about this long. */
    private static final Duration READ_TIME = Duration.ofSeconds(9);
    /** "At once": the readiness probe sees DOWN within this after SIGTERM. */
    private static final Duration AT_ONCE = Duration.ofSeconds(1);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private static LocalServices services;

    @BeforeAll
    static void startDependencies() {
        services = LocalServices.start(Path.of("target", "shutdown-it-services").toAbsolutePath(), true);
    }

    @AfterAll
    static void stopDependencies() {
        services.close();
    }

    @Test
    void sigtermMidStreamDrainsFinishesTheStreamRefusesNewRequestsAndExitsZero() throws Exception {
        Duration delay = ProductionEnvironment.durationSetting("quarkus.shutdown.delay");
        Duration timeout = ProductionEnvironment.durationSetting("quarkus.shutdown.timeout");
        assertThat(delay).as("the drain delay must leave room for the slow stream to span it").isLessThan(READ_TIME);
        assertThat(READ_TIME).as("the slow stream must fit in the shutdown timeout").isLessThan(timeout);

        Map<String, String> env = ProductionEnvironment.of(services);
        try (PackagedApp app = PackagedApp.start(env, List.of("-Xmx256m"))) {
            app.awaitReady(Duration.ofSeconds(90));
            String streamUrl = playableStream(app);

            SlowReader reader = new SlowReader(app.uri(streamUrl), SIZE, READ_TIME);
            CompletableFuture<SlowReader.Result> download = CompletableFuture.supplyAsync(reader::read);
            Eventually.within(Duration.ofSeconds(5), () -> reader.bodyBytes() > 0);

            long sigterm = System.nanoTime();
            app.process().destroy(); // SIGTERM on Linux

            Eventually.within(AT_ONCE, () -> app.status("/q/health/ready") == 503);

            // During the drain delay the app still serves (load balancers are still routing to it).
            long drainEnd = sigterm + delay.toNanos();
            if (System.nanoTime() < drainEnd - Duration.ofMillis(1500).toNanos()) {
                assertThat(app.status("/q/health/live")).as("served during the drain delay").isEqualTo(200);
            }

            // Once the drain delay is over a new request is refused (-1: connection refused), while the stream runs on.
            Eventually.within(Duration.ofNanos(Math.max(0, drainEnd - System.nanoTime())).plus(AT_ONCE),
                    () -> List.of(-1, 503).contains(statusOf(app.uri("/api/v1/titles"))));
            assertThat(reader.bodyBytes()).as("the stream is still running after the drain delay").isLessThan(SIZE);

            SlowReader.Result result = download.get(timeout.toSeconds(), TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(200);
            assertThat(result.bodyBytes()).as("every byte of the stream arrived").isEqualTo(SIZE);

            Duration grace = delay.plus(timeout);
            int exit = app.awaitExit(grace.minus(Duration.ofNanos(System.nanoTime() - sigterm)));
            assertThat(exit).as(app.output()).isZero();
            Duration took = Duration.ofNanos(System.nanoTime() - sigterm);
            assertThat(took).isGreaterThanOrEqualTo(delay).isLessThan(grace);
        }
    }

    /** Admin uploads a video to a new title; a new viewer starts playback; returns the stream URL (path and query). */
    private static String playableStream(PackagedApp app) throws Exception {
        String admin = login(app, ProductionEnvironment.ADMIN_EMAIL, ProductionEnvironment.ADMIN_PASSWORD);
        String title = post(app, "/api/v1/admin/titles", admin, Map.of("type", "movie",
                "name", "Shutdown " + UUID.randomUUID(), "synopsis", "A film to stop.", "year", 2020,
                "maturityRating", 0, "genres", List.of(), "cast", List.of("Ada Lovelace"), "runtimeSeconds", 5400),
                201).get("id").asText();
        HttpResponse<String> upload = VideoUpload.generated(
                app.uri("/api/v1/admin/titles/" + title + "/media?label=1080p"), admin, SIZE);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);

        String email = "viewer-" + UUID.randomUUID() + "@example.com";
        post(app, "/api/v1/auth/signup", null, Map.of("email", email, "password", "correct horse battery",
                "name", "Viewer"), 201);
        String account = login(app, email, "correct horse battery");
        String profile = JSON.readTree(send(app, HttpRequest.newBuilder(app.uri("/api/v1/profiles"))
                .header("Authorization", "Bearer " + account).GET(), 200)).get("items").get(0).get("id").asText();
        String viewer = post(app, "/api/v1/profiles/" + profile + "/select", account, Map.of(), 200)
                .get("accessToken").asText();
        JsonNode playback = post(app, "/api/v1/playback", viewer,
                Map.of("titleId", title, "deviceName", "Shutdown test"), 201);
        String url = playback.get("streams").get(0).get("url").asText();
        return url.startsWith("http") ? URI.create(url).getRawPath() + "?" + URI.create(url).getRawQuery() : url;
    }

    private static String login(PackagedApp app, String email, String password) throws Exception {
        return post(app, "/api/v1/auth/login", null, Map.of("email", email, "password", password), 200)
                .get("accessToken").asText();
    }

    private static JsonNode post(PackagedApp app, String path, String token, Map<String, ?> body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return JSON.readTree(send(app, request, expected));
    }

    private static String send(PackagedApp app, HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(request.build().uri() + ": " + response.body()).isEqualTo(expected);
        return response.body();
    }

    private static int statusOf(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A viewer on a slow link: a raw socket with a small receive buffer, read at a fixed rate. */
    static final class SlowReader {

        record Result(int status, long bodyBytes) {
        }

        private final URI uri;
        private final long expected;
        private final Duration readTime;
        private final AtomicLong body = new AtomicLong();

        SlowReader(URI uri, long expected, Duration readTime) {
            this.uri = uri;
            this.expected = expected;
            this.readTime = readTime;
        }

        long bodyBytes() {
            return body.get();
        }

        Result read() {
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(16 * 1024);
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: "
                        + uri.getHost() + ":" + uri.getPort() + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                String head = readHead(in);
                int status = Integer.parseInt(head.substring(9, 12));
                double bytesPerNano = (double) expected / readTime.toNanos();
                long start = System.nanoTime();
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    long total = body.addAndGet(n);
                    long due = start + (long) (total / bytesPerNano);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                return new Result(status, body.get());
            } catch (IOException e) {
                return new Result(-1, body.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(-1, body.get());
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int state = 0;
            while (state < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed in the headers: " + head);
                }
                head.write(b);
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                        ? state + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }
    }
}
