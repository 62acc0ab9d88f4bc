package io.marquee.web;

import io.marquee.support.Api;
import io.marquee.support.Browser;
import io.marquee.support.BrowserScreenshots;
import io.marquee.support.CatalogFixtures;
import io.marquee.support.WebFlows;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URL;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Playing a title in a real &lt;video&gt;: by default through hls.js from the packaged HLS (progress, keyboard, seeking,
 * resume), and progressively from the byte endpoint in a browser with neither Media Source Extensions nor HLS.
 */
@QuarkusTest
class PlayerBrowserTest {

    private static final String VIDEO_TIME = "const v = document.querySelector('video#player'); return v ? v.currentTime : -1";
    private static final String FETCHED = "return performance.getEntriesByType('resource').map(e => e.name)";
    /** A browser without MSE and without HLS of its own: what is left is the progressive MP4. */
    static final String NO_ADAPTIVE_PLAYBACK = "delete window.MediaSource; delete window.ManagedMediaSource;"
            + "const canPlay = HTMLMediaElement.prototype.canPlayType;"
            + "HTMLMediaElement.prototype.canPlayType = function (type) {"
            + "  return /mpegurl/i.test(type) ? '' : canPlay.call(this, type); };";

    @TestHTTPResource("/")
    URL app;

    @Inject
    MeterRegistry registry;

    @RegisterExtension
    BrowserScreenshots browsers = new BrowserScreenshots();

    @Test
    void playAdvanceSeekLeaveAndResumeNearTheSavedPosition() {
        String id = CatalogFixtures.playableMovie("Harbour Lights " + UUID.randomUUID().toString().substring(0, 6), 13);
        Browser browser = browsers.open(app);
        WebFlows.signIn(browser, Api.signup());
        WebFlows.pickProfile(browser, "Test User");

        browser.go("#/title/" + id);
        browser.click(By.id("play-button"));
        browser.awaitHash("#/watch/" + id);
        browser.visible(By.cssSelector("video#player"));
        browser.await(d -> "hls.js".equals(browser.visible(By.cssSelector("video#player")).getDomAttribute("data-engine")));

        // It plays: currentTime moves on its own, from the packaged manifest and fMP4 segments.
        browser.await(d -> browser.number(VIDEO_TIME) > 1.0);
        double first = browser.number(VIDEO_TIME);
        browser.await(d -> browser.number(VIDEO_TIME) > first + 0.5);
        assertThat(fetched(browser)).anyMatch(url -> url.contains("/packaged/") && url.endsWith("/master.m3u8"))
                .anyMatch(url -> url.contains("/packaged/") && url.endsWith(".m4s"));
        // The manifest's English subtitles are offered.
        browser.await(d -> browser.driver().findElements(By.cssSelector("#player-subtitles option[lang='en']")).size() == 1);

        // The keyboard works the player: K pauses and resumes, the right arrow jumps 10 seconds.
        new Actions(browser.driver()).sendKeys("k").perform();
        browser.await(d -> Boolean.TRUE.equals(browser.script("return document.querySelector('video#player').paused")));
        double paused = browser.number(VIDEO_TIME);
        new Actions(browser.driver()).sendKeys(Keys.ARROW_RIGHT).perform();
        browser.await(d -> browser.number(VIDEO_TIME) >= paused + 9);
        new Actions(browser.driver()).sendKeys("k").perform();
        browser.await(d -> Boolean.FALSE.equals(browser.script("return document.querySelector('video#player').paused")));

        // Seek and keep playing from there.
        browser.script("document.querySelector('video#player').currentTime = 25");
        browser.await(d -> browser.number(VIDEO_TIME) >= 25.5);

        // Leave: the page ends the lease with the position; coming back resumes near it.
        browser.click(By.cssSelector(".player-back"));
        browser.awaitHash("#/title/" + id);
        browser.click(By.id("play-button"));
        browser.awaitHash("#/watch/" + id);
        browser.await(d -> browser.number(VIDEO_TIME) >= 20, Duration.ofSeconds(20));
        assertThat(browser.number(VIDEO_TIME)).isBetween(20.0, 39.9);
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "Resuming from"));
        assertThat(browser.consoleErrors()).noneMatch(message -> message.contains("Content Security Policy"));
    }

    @Test
    void withoutMediaSourceOrNativeHlsTheProgressiveStreamPlaysByRanges() {
        double partialBefore = partialResponses();
        String id = CatalogFixtures.playableMovie("Tide Tables " + UUID.randomUUID().toString().substring(0, 6), 13);
        Browser browser = browsers.open(app).beforeEachPage(NO_ADAPTIVE_PLAYBACK);
        WebFlows.signIn(browser, Api.signup());
        WebFlows.pickProfile(browser, "Test User");

        browser.go("#/watch/" + id);
        browser.await(d -> "progressive".equals(browser.visible(By.cssSelector("video#player")).getDomAttribute("data-engine")));
        assertThat(browser.driver().findElements(By.cssSelector("video#player track[kind='subtitles'][srclang='en']"))).hasSize(1);
        assertThat(String.valueOf(browser.script("return document.querySelector('video#player').currentSrc")))
                .contains("/stream/").contains("token=");
        browser.await(d -> browser.number(VIDEO_TIME) > 1.0);
        double first = browser.number(VIDEO_TIME);
        browser.await(d -> browser.number(VIDEO_TIME) > first + 0.5);

        // Seek (a range request far into the file) and keep playing from there.
        browser.script("document.querySelector('video#player').currentTime = 25");
        browser.await(d -> browser.number(VIDEO_TIME) >= 25.5);
        // Chromium asks with Range from the start; a file this small is then often buffered whole, so one 206 can be all.
        assertThat(partialResponses() - partialBefore).as("206 answers the browser received").isGreaterThanOrEqualTo(1);
        assertThat(fetched(browser)).noneMatch(url -> url.contains("/packaged/"));
        assertThat(browser.consoleErrors()).noneMatch(message -> message.contains("Content Security Policy"));
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<String> fetched(Browser browser) {
        return (java.util.List<String>) browser.script(FETCHED);
    }

    private double partialResponses() {
        Counter counter = registry.find("marquee.stream.responses").tag("endpoint", "stream").tag("status", "206").counter();
        return counter == null ? 0 : counter.count();
    }
}
