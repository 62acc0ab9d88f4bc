package io.marquee.packaging;

import io.marquee.support.AdaptiveFixtures;
import io.marquee.support.Browser;
import io.marquee.support.BrowserScreenshots;
import io.marquee.support.TestFilm;
import io.marquee.support.TestPlayers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** dash.js (npm, src/test/players) in headless Chromium plays and seeks the packaged MPD of the test film. */
@QuarkusTest
class DashJsBrowserTest {

    private static final String TIME = "return document.getElementById('video').currentTime";

    @TestHTTPResource("/")
    URL app;

    @RegisterExtension
    BrowserScreenshots browsers = new BrowserScreenshots();

    @Test
    void playsTheManifestAndSeeks() {
        String dashJs = TestPlayers.dashJs();
        String title = AdaptiveFixtures.film("DASH " + UUID.randomUUID());
        String dashUrl = AdaptiveFixtures.playback(title).getString("dashUrl");
        assertThat(dashUrl).endsWith("/manifest.mpd");
        Browser browser = browsers.open(app);
        TestPlayers.open(browser, app, dashJs);
        browser.script("harness.playDash(arguments[0])", dashUrl);

        browser.await(d -> browser.number(TIME) > 1.0, Duration.ofSeconds(30));
        double first = browser.number(TIME);
        browser.await(d -> browser.number(TIME) > first + 0.5);
        assertThat(browser.number("return dashPlayer.getRepresentationsByType('video').length"))
                .isEqualTo(TestFilm.renditions().size());
        assertThat(browser.script("return dashPlayer.getTracksFor('text').map(t => t.lang)")).isEqualTo(List.of("en"));

        TestPlayers.seeksTo40AndPlaysOnWithoutErrors(browser);
    }
}
