package io.marquee.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}) run as an operator runs it: a separate
 * process in production mode, configured by environment variables alone.
 */
public final class PackagedApp implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final int port;

    private PackagedApp(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the app with exactly {@code environment} (plus PATH) and the given JVM options. */
    public static PackagedApp start(Map<String, String> environment, List<String> jvmOptions) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Package the application first: " + jar);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(environment);
        Path log = Files.createTempFile(Path.of("target"), "packaged-app-", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        int port = Integer.parseInt(environment.getOrDefault("QUARKUS_HTTP_PORT", "8080"));
        return new PackagedApp(builder.start(), log, port);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public Process process() {
        return process;
    }

    /** Status of a GET, or -1 when nothing answers. */
    public int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public void awaitReady(Duration within) {
        try {
            Eventually.within(within, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("The app exited with " + process.exitValue() + ":\n" + output());
                }
                return status("/q/health/ready") == 200;
            });
        } catch (AssertionError e) {
            throw process.isAlive() ? new AssertionError("The app was not ready within " + within + ":\n" + output(), e)
                    : e;
        }
    }

    /** Waits for the process to exit and returns its exit code. */
    public int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The app did not exit within " + within + ":\n" + output());
        }
        return process.exitValue();
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
