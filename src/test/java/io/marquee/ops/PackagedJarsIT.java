package io.marquee.ops;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged app holds no signed jar. The JVM verifies a signed jar's signature when it loads the first class from
 * it (Bouncy Castle's: about 200 ms of the first login after a start) and the JDK AOT cache never holds classes from
 * one, so a signed jar in {@code target/quarkus-app/lib} costs every cold start; application.properties leaves the
 * signature files of Bouncy Castle out (quarkus.class-loading.removed-resources). A new signed dependency, or a Bouncy
 * Castle release that signs under another file name, fails here.
 */
class PackagedJarsIT {

    private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)");

    @Test
    void noJarOfThePackagedAppIsSigned() throws IOException {
        Path lib = Path.of("target", "quarkus-app", "lib");
        List<Path> jars;
        try (Stream<Path> files = Files.walk(lib)) {
            jars = files.filter(file -> file.toString().endsWith(".jar")).toList();
        }
        assertThat(jars).anySatisfy(jar -> assertThat(jar.getFileName().toString()).startsWith("org.bouncycastle.bcprov"));

        List<String> signed = new ArrayList<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(JarEntry::getName).filter(name -> SIGNATURE.matcher(name).matches())
                        .forEach(name -> signed.add(lib.relativize(jar) + "!/" + name));
            }
        }
        assertThat(signed).as("signature files in the packaged app's jars").isEmpty();
    }
}
