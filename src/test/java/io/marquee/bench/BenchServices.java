package io.marquee.bench;

import io.marquee.localservices.LocalServices;
import io.marquee.support.Eventually;
import io.marquee.support.Mp4Files;
import io.marquee.support.PackagedApp;
import io.marquee.support.ProductionEnvironment;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dependencies of a benchmark run (bench/run.sh, bench/cold-start.sh), in one JVM: embedded PostgreSQL and
 * S3Proxy ({@link LocalServices}), plus a second S3Proxy without authentication over the same data directory, so that
 * nginx and wrk can GET objects directly. Both S3Proxies get {@value #S3_THREADS} Jetty threads instead of S3Proxy's
 * 200: a blocking server holds a thread per body being read, and the connection scenarios keep 1,000 slow streams
 * open at once (with 200, streams past the 200th wait for a thread, which AWS S3 never makes them do), and a listen
 * backlog of {@value #S3_ACCEPT_QUEUE} instead of Jetty's 50 (Java's default): with 50, a burst of new connections
 * overflows it, the kernel drops SYNs, and the clients' retransmits (1 s, 3 s, 7 s) turn into S3 first-byte timeouts
 * that say nothing about the client. Writes {@code OUT/services.env} (shell exports: the production environment
 * of DESIGN.md for Marquee, and the ports) and, when asked, an MP4 of the given size at {@code OUT/media.mp4}; prints
 * READY and runs until the process is terminated (SIGTERM stops the services).
 * <p>
 * Usage: {@code java -cp ... io.marquee.bench.BenchServices DATA_DIR OUT_DIR [MEDIA_BYTES]}
 */
public final class BenchServices {

    /** Jetty threads per S3Proxy: the 1,000 slow and 1,000 aborting readers of bench/scenarios/connections.sh. */
    static final int S3_THREADS = 2500;
    /** Listen backlog per S3Proxy (the kernel caps it at net.core.somaxconn). */
    static final int S3_ACCEPT_QUEUE = 4096;

    private BenchServices() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]).toAbsolutePath();
        long mediaBytes = args.length > 2 ? Long.parseLong(args[2]) : 0;
        Files.createDirectories(out);

        if (mediaBytes > 0) {
            Path media = out.resolve("media.mp4");
            if (!Files.exists(media) || Files.size(media) != mediaBytes) {
                try (InputStream in = Mp4Files.generated(mediaBytes); OutputStream o = Files.newOutputStream(media)) {
                    in.transferTo(o);
                }
            }
        }

        LocalServices services = LocalServices.start(data, true);
        services.stopS3();
        S3Proxy signed = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(data.resolve("s3").toString()))
                .endpoint(URI.create("http://127.0.0.1:" + services.s3Port()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, LocalServices.ACCESS_KEY, LocalServices.SECRET_KEY)
                .jettyMaxThreads(S3_THREADS)
                .build();
        widenAcceptQueue(signed);
        signed.start();
        int openPort = PackagedApp.freePort();
        S3Proxy open = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(data.resolve("s3").toString()))
                .endpoint(URI.create("http://127.0.0.1:" + openPort))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .jettyMaxThreads(S3_THREADS)
                .build();
        widenAcceptQueue(open);
        open.start();
        Eventually.within(Duration.ofSeconds(60),
                () -> "STARTED".equals(open.getState()) && "STARTED".equals(signed.getState()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (S3Proxy proxy : new S3Proxy[] {open, signed}) {
                try {
                    proxy.stop();
                } catch (Exception ignored) {
                    // stopping anyway
                }
            }
            services.close();
        }));

        Map<String, String> env = new TreeMap<>(ProductionEnvironment.of(services));
        env.remove("QUARKUS_HTTP_PORT");
        env.put("BENCH_PG_PORT", Integer.toString(services.postgresPort()));
        env.put("BENCH_S3_PORT", Integer.toString(services.s3Port()));
        env.put("BENCH_S3_OPEN_PORT", Integer.toString(openPort));
        env.put("BENCH_BUCKET", LocalServices.BUCKET);
        env.put("BENCH_SERVICES_PID", Long.toString(ProcessHandle.current().pid()));
        StringBuilder exports = new StringBuilder();
        env.forEach((k, v) -> exports.append("export ").append(k).append("='")
                .append(v.replace("'", "'\\''")).append("'\n"));
        Files.writeString(out.resolve("services.env"), exports);
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join(); // until SIGTERM: the shutdown hook stops the services
    }

    /** S3Proxy's builder has no setting for it: its (shaded) Jetty connectors are reached by reflection. */
    private static void widenAcceptQueue(S3Proxy proxy) throws ReflectiveOperationException {
        Field field = S3Proxy.class.getDeclaredField("server");
        field.setAccessible(true);
        Object server = field.get(proxy);
        for (Object connector : (Object[]) server.getClass().getMethod("getConnectors").invoke(server)) {
            connector.getClass().getMethod("setAcceptQueueSize", int.class).invoke(connector, S3_ACCEPT_QUEUE);
        }
    }
}
