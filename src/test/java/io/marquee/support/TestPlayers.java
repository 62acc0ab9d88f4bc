package io.marquee.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The players the browser tests drive, loaded from the test instance's own origin: hls.js from the WebJar the web app
 * ships (served from the dependency jar) and dash.js from the npm package in src/test/players, copied into
 * target/test-classes by the build. They play on a test-only page (src/test/resources/META-INF/resources/test-players)
 * that records video and player events, so no CORS set-up is needed.
 */
public final class TestPlayers {

    public static final String PAGE = "/test-players/index.html";
    private static final String DASH_JS = "test-players/dash.all.min.js";
    private static final String HLS_JS_POM = "META-INF/maven/org.webjars.npm/hls.js/pom.properties";

    private TestPlayers() {
    }

    /** The path of hls.js in the WebJar on the classpath, e.g. {@code /webjars/hls.js/1.4.12/dist/hls.min.js}. */
    public static String hlsJs() {
        try (InputStream in = TestPlayers.class.getClassLoader().getResourceAsStream(HLS_JS_POM)) {
            if (in == null) {
                throw new AssertionError("The hls.js WebJar (org.webjars.npm:hls.js, pom.xml) is not on the classpath");
            }
            Properties pom = new Properties();
            pom.load(in);
            return "/webjars/hls.js/" + pom.getProperty("version") + "/dist/hls.min.js";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path of dash.js; fails, saying how to install it, when the build did not copy it. */
    public static String dashJs() {
        if (TestPlayers.class.getClassLoader().getResource("META-INF/resources/" + DASH_JS) == null) {
            throw new AssertionError("dash.js is missing from target/test-classes/META-INF/resources/" + DASH_JS
                    + ": install the test players with `npm ci --prefix src/test/players` (.ci/run does) and build again;"
                    + " the test build copies node_modules/dashjs/dist/modern/umd/dash.all.min.js (pom.xml, test-players)");
        }
        return "/" + DASH_JS;
    }

    /** Opens the test page in the browser and loads a player library into it. */
    public static void open(Browser browser, URL app, String library) {
        browser.driver().get(app.toString().replaceAll("/$", "") + PAGE);
        Object failure = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "harness.load(arguments[0]).then(() => done(null), e => done(String(e)))", library);
        if (failure != null) {
            throw new AssertionError("The test page could not load " + library + ": " + failure);
        }
    }

    /**
     * Seeks the test page's video to 40 s: the seek lands there (within half a second), playback goes on from it
     * (not restarting from the beginning), and the player reported no error.
     */
    public static void seeksTo40AndPlaysOnWithoutErrors(Browser browser) {
        String time = "return document.getElementById('video').currentTime";
        browser.script("harness.mark('seek'); document.getElementById('video').currentTime = 40");
        browser.await(d -> browser.script("return harness.after('seek', 'seeked')") != null);
        assertThat(browser.number("return harness.after('seek', 'seeked').time")).isCloseTo(40.0, within(0.5));
        browser.await(d -> browser.number(time) > 41.0);
        assertThat(browser.number(time)).isLessThan(60.0);
        assertThat(browser.script("return harness.errors()")).isEqualTo(List.of());
    }
}
