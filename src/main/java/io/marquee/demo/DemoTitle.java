package io.marquee.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** One title of the demo catalog ({@code demo/catalog.psv}), with a stable id so seeding is idempotent. */
record DemoTitle(UUID id, String type, String name, int year, int maturityRating, List<String> genres,
                 List<String> cast, Integer runtimeSeconds, String synopsis) {

    static List<DemoTitle> load() {
        List<DemoTitle> titles = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                DemoTitle.class.getResourceAsStream("/demo/catalog.psv"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|", -1);
                titles.add(new DemoTitle(UUID.nameUUIDFromBytes(("marquee-demo:" + f[1]).getBytes(StandardCharsets.UTF_8)),
                        f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Arrays.asList(f[4].split(",")),
                        Arrays.asList(f[5].split(",")), f[6].isEmpty() ? null : Integer.parseInt(f[6]) * 60, f[7]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return titles;
    }

    UUID episodeId(int season, int number) {
        return UUID.nameUUIDFromBytes(("marquee-demo:" + name + ":" + season + ":" + number)
                .getBytes(StandardCharsets.UTF_8));
    }
}
