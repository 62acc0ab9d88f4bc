package io.marquee.bench;

import io.marquee.support.TestFilm;

/**
 * The film of the packaging benchmark: the tests' 3-minute, 3-rendition {@link TestFilm} (made with ffmpeg under
 * {@code target/test-films/} when missing, shared with the tests), one tab-separated line per rendition, highest
 * first: {@code label width height file}.
 * <p>
 * Usage: {@code java -cp ... io.marquee.bench.BenchFilm}, from the repository's root.
 */
public final class BenchFilm {

    private BenchFilm() {
    }

    public static void main(String[] args) {
        for (TestFilm.Rendition r : TestFilm.renditions()) {
            System.out.println(r.label() + "\t" + r.width() + "\t" + r.height() + "\t" + r.file().toAbsolutePath());
        }
    }
}
