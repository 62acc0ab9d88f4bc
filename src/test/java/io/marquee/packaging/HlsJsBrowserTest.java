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

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * hls.js (the WebJar the web app ships) in headless Chromium plays the packaged HLS of the 3-rendition test film:
 * it plays, seeks, lists and loads the WebVTT track, and switches down without a long stall when the link is capped.
 */
@QuarkusTest
class HlsJsBrowserTest {

    private static final String TIME = "return document.getElementById('video').currentTime";
    private static final Duration SWITCH = Duration.ofSeconds(120);

    @TestHTTPResource("/")
    URL app;

    @RegisterExtension
    BrowserScreenshots browsers = new BrowserScreenshots();

    @Test
    void playsSeeksAndListsTheSubtitles() throws IOException {
        Browser browser = playing("HLS Seek " + UUID.randomUUID(), "{}");

        assertThat(browser.script("return hls.subtitleTracks.map(t => t.lang)")).isEqualTo(List.of("en"));
        browser.script("hls.subtitleDisplay = true; hls.subtitleTrack = 0");
        int cues = cueCount(Files.readString(TestFilm.subtitles()));
        String track = "const t = [...document.getElementById('video').textTracks].find(t => t.language === 'en');";
        browser.await(d -> browser.number(track + "return t && t.cues ? t.cues.length : 0") >= cues, Duration.ofSeconds(30));
        assertThat(browser.number(track + "return t.cues.length")).isEqualTo(cues);
        assertThat(browser.number(track + "return t.cues[0].startTime")).isCloseTo(firstCueStart(TestFilm.subtitles()), within(0.1));

        TestPlayers.seeksTo40AndPlaysOnWithoutErrors(browser);
    }

    @Test
    void switchesToALowerRenditionWhenTheBandwidthIsCappedWithoutStallingLongerThanASegment() {
        // Three segments ahead at most: by default hls.js buffers as much as 60 MB allow, here the whole film.
        Browser browser = playing("HLS Capped " + UUID.randomUUID(), "{maxBufferLength: 18, maxMaxBufferLength: 18}");
        int top = (int) browser.number("return hls.levels.length") - 1;
        assertThat(top).as("renditions").isEqualTo(TestFilm.renditions().size() - 1);
        browser.await(d -> browser.number("return hls.currentLevel") == top);
        double segment = browser.number("return hls.levels[hls.currentLevel].details.targetduration");

        // Cap the link between the lowest and the highest rendition (BANDWIDTH counts the audio group too).
        double lowest = browser.number("return Math.min(...hls.levels.map(l => l.bitrate))");
        double highest = browser.number("return Math.max(...hls.levels.map(l => l.bitrate))");
        double cap = Math.max(1.6 * lowest, Math.sqrt(lowest * highest));
        assertThat(cap).as("a cap the lowest rendition fits under and the highest does not").isLessThan(0.8 * highest);
        browser.script("harness.mark('capped')");
        browser.capDownload(cap);

        String switchedDown = "return harness.log.slice(harness.log.findIndex(e => e.type === 'mark' && e.name === 'capped'))"
                + ".some(e => e.type === 'LEVEL_SWITCHED' && e.level < " + top + ")";
        browser.await(d -> Boolean.TRUE.equals(browser.script(switchedDown)), SWITCH);
        browser.await(d -> browser.number("return hls.currentLevel") < top, SWITCH);
        double switchedAt = browser.number(TIME);
        browser.await(d -> browser.number(TIME) > switchedAt + segment, SWITCH);

        assertThat(browser.number("return harness.longestStallAfter('capped')"))
                .as("longest stall (ms) after the cap, against a segment of %s s", segment).isLessThan(segment * 1000);
        assertThat(browser.script("return harness.errors()")).isEqualTo(List.of());
    }

    /** A browser playing the packaged HLS of a new 3-rendition title with hls.js (this config), from its top rendition. */
    private Browser playing(String name, String config) {
        String title = AdaptiveFixtures.film(name);
        String hlsUrl = AdaptiveFixtures.playback(title).getString("hlsUrl");
        assertThat(hlsUrl).endsWith("/master.m3u8");
        Browser browser = browsers.open(app);
        TestPlayers.open(browser, app, TestPlayers.hlsJs());
        browser.script("harness.playHls(arguments[0], " + config + ")", hlsUrl);
        browser.await(d -> browser.number(TIME) > 1.0, Duration.ofSeconds(30));
        double first = browser.number(TIME);
        browser.await(d -> browser.number(TIME) > first + 0.5);
        return browser;
    }

    private static int cueCount(String vtt) {
        return (int) vtt.lines().filter(line -> line.contains("-->")).count();
    }

    private static double firstCueStart(java.nio.file.Path vtt) throws IOException {
        Matcher m = Pattern.compile("(?:(\\d+):)?(\\d{2}):(\\d{2})\\.(\\d{3})\\s+-->").matcher(Files.readString(vtt));
        assertThat(m.find()).isTrue();
        return (m.group(1) == null ? 0 : Integer.parseInt(m.group(1)) * 3600) + Integer.parseInt(m.group(2)) * 60
                + Integer.parseInt(m.group(3)) + Integer.parseInt(m.group(4)) / 1000.0;
    }
}
