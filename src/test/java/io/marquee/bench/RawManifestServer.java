package io.marquee.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The baseline of the manifest goal (issue 12: manifest requests/s at least 0.5 of a raw handler returning the same
 * bytes): plain Vert.x core, one event loop per core, answering each file of a directory with the bytes and the
 * response header fields Marquee answered it with (saved by bench/scenarios/packaging.sh as {@code NAME} and
 * {@code NAME.head}, the latter as curl -D writes it). A request is answered by the last segment of its path; no grant
 * check, no lookup, no rendering: the bytes are ready before the first request.
 * <p>
 * Usage: {@code java -cp ... io.marquee.bench.RawManifestServer PORT DIR}; {@code RAW_EVENT_LOOPS} overrides the number
 * of cores. Prints {@code READY <port>} once listening.
 */
public final class RawManifestServer extends AbstractVerticle {

    /** Fields that belong to one connection or one moment, not to the representation. */
    private static final Set<String> NOT_COPIED = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "date", "x-request-id");

    private record Answer(Buffer body, MultiMap headers) {
    }

    private final int port;
    private final Map<String, Answer> answers;

    private RawManifestServer(int port, Map<String, Answer> answers) {
        this.port = port;
        this.answers = answers;
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Map<String, Answer> answers = load(Path.of(args[1]));
        String env = System.getenv("RAW_EVENT_LOOPS");
        int loops = env == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(env);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        vertx.deployVerticle(() -> new RawManifestServer(port, answers), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.println("READY " + port + " event-loops=" + loops + " files="
                        + answers.keySet()))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start(Promise<Void> started) {
        vertx.createHttpServer().requestHandler(this::answer).listen(port, "127.0.0.1")
                .<Void>mapEmpty().onComplete(started);
    }

    private void answer(HttpServerRequest request) {
        String path = request.path();
        Answer answer = answers.get(path.substring(path.lastIndexOf('/') + 1));
        if (answer == null) {
            request.response().setStatusCode(404).end();
            return;
        }
        request.response().headers().addAll(answer.headers());
        request.response().end(answer.body());
    }

    private static Map<String, Answer> load(Path dir) {
        Map<String, Answer> answers = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().endsWith(".head")).toList()) {
                Path head = file.resolveSibling(file.getFileName() + ".head");
                answers.put(file.getFileName().toString(), new Answer(Buffer.buffer(Files.readAllBytes(file)),
                        fields(Files.readAllLines(head))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answers;
    }

    /** The fields of an HTTP/1.1 response head (its status line skipped), less the per-connection ones. */
    private static MultiMap fields(List<String> head) {
        MultiMap fields = MultiMap.caseInsensitiveMultiMap();
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon > 0 && !NOT_COPIED.contains(line.substring(0, colon).trim().toLowerCase(Locale.ROOT))) {
                fields.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }
}
