package io.marquee.localservices;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real PostgreSQL (embedded binaries) and a real S3-compatible server (S3Proxy on the filesystem) for dev mode and
 * tests. Never loaded by the packaged application: its dependencies have {@code provided} scope.
 *
 * <p>{@link #sharedConfig(String)} starts one pair per JVM; dev mode keeps its data under {@code target/marquee-dev}
 * (or {@code MARQUEE_DEV_DATA_DIR}) across restarts, tests start from empty folders. Instances made with
 * {@link #start(Path, boolean)} are independent, so a test can stop and restart them.
 */
public final class LocalServices implements AutoCloseable {

    public static final String BUCKET = "marquee-media";
    public static final String ACCESS_KEY = "marquee-local";
    public static final String SECRET_KEY = "marquee-local-secret";
    public static final String DB_USER = "postgres";
    public static final String DB_NAME = "postgres";

    private static final String SHARED_STATE = "marquee.local-services.shared";

    private final Path dataDir;
    private EmbeddedPostgres postgres;
    private S3Proxy s3;
    private int postgresPort;
    private int s3Port;

    private LocalServices(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Starts (once per JVM) the services for the given mode, {@code dev} or {@code test}, and returns their config. */
    public static synchronized Map<String, String> sharedConfig(String mode) {
        String state = System.getProperty(SHARED_STATE);
        if (state == null) {
            boolean dev = "dev".equals(mode);
            Path dir = dev ? devDataDir() : Path.of("target", "marquee-test-services").toAbsolutePath();
            LocalServices services = start(dir, !dev);
            Runtime.getRuntime().addShutdownHook(new Thread(services::close, "marquee-local-services-stop"));
            state = services.postgresPort + "," + services.s3Port + "," + dir;
            System.setProperty(SHARED_STATE, state);
            System.out.printf("Marquee local services (%s): PostgreSQL on port %d, S3 on http://127.0.0.1:%d, data in %s%n",
                    mode, services.postgresPort, services.s3Port, dir);
        }
        String[] parts = state.split(",", 3);
        Map<String, String> config = config(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        config.putAll(secrets(Path.of(parts[2]), "dev".equals(mode)));
        return config;
    }

    /** Starts an independent pair of services keeping their data in {@code dataDir}, emptied first when asked. */
    public static LocalServices start(Path dataDir, boolean clean) {
        try {
            if (clean) {
                deleteRecursively(dataDir);
            }
            Files.createDirectories(dataDir.resolve("s3"));
            LocalServices services = new LocalServices(dataDir);
            services.postgresPort = freePort();
            services.s3Port = freePort();
            services.startPostgres();
            services.startS3();
            return services;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration that points Marquee at these services. */
    public Map<String, String> config() {
        return config(postgresPort, s3Port);
    }

    public int postgresPort() {
        return postgresPort;
    }

    public int s3Port() {
        return s3Port;
    }

    public synchronized void startPostgres() throws IOException {
        if (postgres == null) {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.resolve("postgres"))
                    .setCleanDataDirectory(false)
                    .setPort(postgresPort)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .start();
        }
    }

    public synchronized void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    public synchronized void startS3() {
        if (s3 == null) {
            try {
                FilesystemNio2BlobStore blobStore = new FilesystemNio2BlobStore(dataDir.resolve("s3").toString());
                if (!Files.isDirectory(dataDir.resolve("s3").resolve(BUCKET))) {
                    blobStore.createContainer(BUCKET);
                }
                S3Proxy proxy = S3Proxy.builder()
                        .blobStore(blobStore)
                        .endpoint(URI.create("http://127.0.0.1:" + s3Port))
                        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                        .stopTimeout(1_000)
                        .build();
                proxy.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!"STARTED".equals(proxy.getState())) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
                    }
                    Thread.sleep(10);
                }
                s3 = proxy;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy did not start", e);
            }
        }
    }

    /** Stops S3; requests still running after the one-second stop timeout are cut, as a failing server cuts them. */
    public synchronized void stopS3() {
        if (s3 != null) {
            try {
                s3.stop();
            } catch (TimeoutException requestsStillRunning) {
                // Jetty stopped anyway and closed their connections.
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy did not stop", e);
            } finally {
                s3 = null;
            }
        }
    }

    @Override
    public void close() {
        try {
            stopS3();
        } finally {
            try {
                stopPostgres();
            } catch (IOException e) {
                System.err.println("Embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }

    private static Map<String, String> config(int postgresPort, int s3Port) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + postgresPort + "/" + DB_NAME);
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + DB_NAME);
        config.put("quarkus.datasource.username", DB_USER);
        config.put("quarkus.datasource.password", "postgres");
        config.put("quarkus.s3.endpoint-override", "http://127.0.0.1:" + s3Port);
        config.put("quarkus.s3.path-style-access", "true");
        config.put("quarkus.s3.aws.region", "us-east-1");
        config.put("quarkus.s3.aws.credentials.type", "static");
        config.put("quarkus.s3.aws.credentials.static-provider.access-key-id", ACCESS_KEY);
        config.put("quarkus.s3.aws.credentials.static-provider.secret-access-key", SECRET_KEY);
        config.put("marquee.media.bucket", BUCKET);
        return config;
    }

    /** Generated secrets for local use; dev mode keeps them in its data folder so tokens survive a restart. */
    private static Map<String, String> secrets(Path dir, boolean keep) {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("marquee.grant.secret", keep ? kept(dir.resolve("grant-secret"), LocalServices::newSecret)
                : newSecret());
        secrets.put("marquee.jwt.signing-key", keep ? kept(dir.resolve("jwt-signing-key.pem"), LocalSigningKey::generatePem)
                : LocalSigningKey.generatePem());
        return secrets;
    }

    private static String kept(Path file, java.util.function.Supplier<String> generator) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, generator.get());
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    private static Path devDataDir() {
        String configured = System.getenv("MARQUEE_DEV_DATA_DIR");
        return (configured == null || configured.isBlank() ? Path.of("target", "marquee-dev") : Path.of(configured))
                .toAbsolutePath();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
