package io.marquee.common;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST layer sits on top: services, repositories and models never import a type of a {@code rest} package (their
 * results are the neutral records of the {@code view} packages), so a change to a wire format cannot reach the data
 * layer. Reads the sources, as the rule is about imports.
 */
class LayeringTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern REST_IMPORT = Pattern.compile("(?m)^import (static )?io\\.marquee\\.[\\w.]*\\.rest\\.");

    @Test
    void onlyTheRestLayerImportsRestTypes() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !SOURCES.relativize(f.getParent()).toString().matches("(.*/)?rest(/.*)?"))
                    .filter(LayeringTest::importsRest)
                    .map(f -> SOURCES.relativize(f).toString())
                    .toList();
        }
        assertThat(offenders).as("files outside a rest package importing one").isEmpty();
    }

    @Test
    void theRuleSeesARestImport() {
        assertThat(REST_IMPORT.matcher("package a;\nimport io.marquee.media.rest.AdminMediaDtos.BackfillReport;\n").find())
                .isTrue();
        assertThat(REST_IMPORT.matcher("import io.marquee.media.view.MediaViews;\n").find()).isFalse();
    }

    private static boolean importsRest(Path file) {
        try {
            return REST_IMPORT.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }
}
