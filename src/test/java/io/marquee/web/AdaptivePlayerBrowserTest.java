package io.marquee.web;

import io.marquee.support.AdaptiveFixtures;
import io.marquee.support.Api;
import io.marquee.support.Browser;
import io.marquee.support.BrowserScreenshots;
import io.marquee.support.TestFilm;
import io.marquee.support.WebFlows;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.URL;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web player on a title with the 3-rendition test film: the quality menu lists the ladder and a manual choice
 * switches rendition, the subtitle menu turns the manifest's WebVTT track on; without Media Source Extensions the
 * browser's own HLS plays the same manifest.
 */
@QuarkusTest
class AdaptivePlayerBrowserTest {

    private static final String VIDEO_TIME = "const v = document.querySelector('video#player'); return v ? v.currentTime : -1";
    private static final String VIDEO_HEIGHT = "return document.querySelector('video#player').videoHeight";

    @TestHTTPResource("/")
    URL app;

    @RegisterExtension
    BrowserScreenshots browsers = new BrowserScreenshots();

    @Test
    void qualityMenuListsTheLadderAndAManualChoiceSwitchesRendition() {
        List<TestFilm.Rendition> ladder = TestFilm.renditions().stream()
                .sorted(Comparator.comparingInt(TestFilm.Rendition::height).reversed()).toList();
        Browser browser = watching(AdaptiveFixtures.film("Ladder " + UUID.randomUUID()), null);
        assertThat(browser.visible(By.cssSelector("video#player")).getDomAttribute("data-engine")).isEqualTo("hls.js");

        Select quality = new Select(browser.visible(By.id("player-quality")));
        browser.await(d -> quality.getOptions().size() == ladder.size() + 1);
        assertThat(quality.getOptions().stream().map(WebElement::getText).toList().subList(1, ladder.size() + 1))
                .isEqualTo(ladder.stream().map(TestFilm.Rendition::label).toList());
        assertThat(quality.getFirstSelectedOption().getText()).startsWith("Auto");

        TestFilm.Rendition lowest = ladder.get(ladder.size() - 1);
        quality.selectByVisibleText(lowest.label());
        browser.await(d -> browser.number(VIDEO_HEIGHT) == lowest.height(), Duration.ofSeconds(30));
        double at = browser.number(VIDEO_TIME);
        browser.await(d -> browser.number(VIDEO_TIME) > at + 0.5);
        assertThat(new Select(browser.visible(By.id("player-quality"))).getFirstSelectedOption().getText()).isEqualTo(lowest.label());

        Select subtitles = new Select(browser.visible(By.id("player-subtitles")));
        browser.await(d -> subtitles.getOptions().size() == 2);
        subtitles.selectByIndex(1);
        browser.await(d -> browser.number("const t = [...document.querySelector('video#player').textTracks]"
                + ".find(t => t.mode === 'showing'); return t && t.cues ? t.cues.length : 0") > 0, Duration.ofSeconds(30));
        assertThat(browser.consoleErrors()).noneMatch(message -> message.contains("Content Security Policy"));
    }

    @Test
    void withoutMediaSourceTheBrowsersOwnHlsPlaysTheManifest() {
        Browser browser = watching(AdaptiveFixtures.film("Native " + UUID.randomUUID()),
                "delete window.MediaSource; delete window.ManagedMediaSource;");
        assertThat(browser.visible(By.cssSelector("video#player")).getDomAttribute("data-engine")).isEqualTo("native");
        assertThat(String.valueOf(browser.script("return document.querySelector('video#player').currentSrc")))
                .contains("/packaged/").endsWith("/master.m3u8");
        browser.script("document.querySelector('video#player').currentTime = 40");
        browser.await(d -> browser.number(VIDEO_TIME) >= 40.5, Duration.ofSeconds(30));
        // Chromium's own HLS lists no subtitles of the manifest, so the player adds the WebVTT file as a <track>.
        browser.await(d -> new Select(browser.visible(By.id("player-subtitles"))).getOptions().size() == 2);
        assertThat(browser.consoleErrors()).noneMatch(message -> message.contains("Content Security Policy"));
    }

    /** A signed-in browser on the player of a title, playing; {@code beforePage} runs first in every page. */
    private Browser watching(String titleId, String beforePage) {
        Browser browser = browsers.open(app);
        if (beforePage != null) {
            browser.beforeEachPage(beforePage);
        }
        WebFlows.signIn(browser, Api.signup());
        WebFlows.pickProfile(browser, "Test User");
        browser.go("#/watch/" + titleId);
        browser.await(d -> browser.number(VIDEO_TIME) > 1.0, Duration.ofSeconds(30));
        return browser;
    }
}
