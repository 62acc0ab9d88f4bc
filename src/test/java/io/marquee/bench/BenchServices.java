package io.marquee.bench;

import io.marquee.localservices.LocalServices;
import io.marquee.support.Mp4Files;
import io.marquee.support.PackagedApp;
import io.marquee.support.ProductionEnvironment;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dependencies of a benchmark run (bench/run.sh, bench/cold-start.sh), in one JVM: embedded PostgreSQL and
 * S3Proxy ({@link LocalServices}), plus a second S3Proxy without authentication over the same data directory, so that
 * nginx and wrk can GET objects directly. Writes {@code OUT/services.env} (shell exports: the production environment
 * of DESIGN.md for Marquee, and the ports) and, when asked, an MP4 of the given size at {@code OUT/media.mp4}; prints
 * READY and runs until the process is terminated (SIGTERM stops the services).
 * <p>
 * Usage: {@code java -cp ... io.marquee.bench.BenchServices DATA_DIR OUT_DIR [MEDIA_BYTES]}
 */
public final class BenchServices {

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
        int openPort = PackagedApp.freePort();
        S3Proxy open = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(data.resolve("s3").toString()))
                .endpoint(URI.create("http://127.0.0.1:" + openPort))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .build();
        open.start();
        while (!"STARTED".equals(open.getState())) {
            Thread.sleep(10);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                open.stop();
            } catch (Exception ignored) {
                // stopping anyway
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
}
