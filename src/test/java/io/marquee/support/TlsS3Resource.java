package io.marquee.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The packaged application with S3 reached over HTTPS, as AWS S3 always is: a TLS front ({@link FaultyProxy#startTls})
 * with a certificate for 127.0.0.1 made by the JDK's {@code keytool}, in front of the shared S3-compatible server. The
 * application trusts that certificate the way a production JVM trusts S3's, through the JVM-wide trust store
 * ({@code javax.net.ssl.trustStore}, handed to the packaged app as a system property); {@link Untrusted} leaves it out,
 * so the application must refuse the certificate. {@link #presentUntrustedCertificate} makes the front present another
 * self-signed certificate for the same address, one the application was never told to trust.
 */
public class TlsS3Resource implements QuarkusTestResourceLifecycleManager {

    private static final String PASSWORD = "marquee-test";

    public static volatile FaultyProxy proxy;
    private static volatile SSLContext trusted;
    private static volatile SSLContext untrusted;

    private Path dir;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(new LocalServicesResource().start());
        try {
            dir = Files.createTempDirectory("marquee-s3-tls");
            // Two self-signed certificates for the address, the second under another name (with the same name, the JDK
            // would check it against the trusted one and report a bad signature rather than an unknown issuer).
            for (Map.Entry<String, String> store : Map.of("server.p12", "CN=127.0.0.1",
                    "other.p12", "CN=127.0.0.1,O=Untrusted").entrySet()) {
                keytool("-genkeypair", "-alias", "s3", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", store.getValue(), "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                        "-storetype", "PKCS12", "-keystore", dir.resolve(store.getKey()).toString(),
                        "-storepass", PASSWORD);
            }
            keytool("-exportcert", "-alias", "s3", "-keystore", dir.resolve("server.p12").toString(),
                    "-storepass", PASSWORD, "-file", dir.resolve("s3.crt").toString());
            keytool("-importcert", "-noprompt", "-alias", "s3", "-file", dir.resolve("s3.crt").toString(),
                    "-storetype", "PKCS12", "-keystore", dir.resolve("trust.p12").toString(), "-storepass", PASSWORD);
            int s3Port = URI.create(config.get("quarkus.s3.endpoint-override")).getPort();
            trusted = serverContext(dir.resolve("server.p12"));
            untrusted = serverContext(dir.resolve("other.p12"));
            proxy = FaultyProxy.startTls(s3Port, trusted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String endpoint = "https://127.0.0.1:" + proxy.port();
        config.put("quarkus.s3.endpoint-override", endpoint);
        config.put("%prod.quarkus.s3.endpoint-override", endpoint);
        if (trusted()) {
            config.put("javax.net.ssl.trustStore", dir.resolve("trust.p12").toString());
            config.put("javax.net.ssl.trustStorePassword", PASSWORD);
            config.put("javax.net.ssl.trustStoreType", "PKCS12");
        }
        return config;
    }

    /** The HTTPS front presents a certificate the application does not trust, from its next connection on. */
    public static void presentUntrustedCertificate() {
        proxy.tls(untrusted);
    }

    /** The HTTPS front presents the certificate the application trusts again. */
    public static void presentTrustedCertificate() {
        proxy.tls(trusted);
    }

    /** Whether the application is given the trust store holding the certificate. */
    protected boolean trusted() {
        return true;
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.close();
            }
            if (dir != null) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException ignored) {
            // stopping anyway
        }
    }

    /** The same HTTPS front, but the application is not told to trust its certificate. */
    public static class Untrusted extends TlsS3Resource {
        @Override
        protected boolean trusted() {
            return false;
        }
    }

    private static SSLContext serverContext(Path keyStore) throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The test certificate could not be loaded", e);
        }
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running keytool", e);
        }
    }
}
