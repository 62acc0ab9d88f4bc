package io.marquee.web;

import io.marquee.support.Api;
import io.marquee.support.Browser;
import io.marquee.support.BrowserScreenshots;
import io.marquee.support.CatalogFixtures;
import io.marquee.support.WebFlows;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream limit across two browser contexts: the second gets the dialog, ends the first stream from it and plays;
 * the first stops at its next heartbeat (2 s here, so the test need not wait 30 s).
 */
@QuarkusTest
@TestProfile(StreamLimitBrowserTest.FastHeartbeats.class)
class StreamLimitBrowserTest {

    private static final String VIDEO_TIME = "const v = document.querySelector('video#player'); return v ? v.currentTime : -1";

    public static class FastHeartbeats implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("marquee.playback.heartbeat-interval", "2s");
        }
    }

    @TestHTTPResource("/")
    URL app;

    @RegisterExtension
    BrowserScreenshots browsers = new BrowserScreenshots();

    @Test
    void streamLimitDialogFromASecondBrowserEndsTheOtherStream() {
        String title = "Two Screens " + UUID.randomUUID().toString().substring(0, 6);
        String id = CatalogFixtures.playableMovie(title, 13);
        String email = Api.signup();
        CatalogFixtures.plan(Api.login(email).getString("accessToken"), "BASIC");

        Browser first = browsers.open(app);
        WebFlows.signIn(first, email);
        WebFlows.pickProfile(first, "Test User");
        first.go("#/watch/" + id);
        first.await(d -> first.number(VIDEO_TIME) > 0.5);
        String firstLease = first.visible(By.cssSelector("video#player")).getDomAttribute("data-lease-id");

        Browser second = browsers.open(app);
        WebFlows.signIn(second, email);
        WebFlows.pickProfile(second, "Test User");
        second.go("#/watch/" + id);
        second.visible(By.cssSelector("dialog.stream-limit-dialog"));
        assertThat(second.visible(By.id("stream-limit-title")).getText()).isEqualTo("Too many people are watching");
        String listed = second.visible(By.cssSelector("dialog .streams")).getText();
        assertThat(listed).contains(title).contains("Test User").contains("Web: Chrome on Linux");

        second.click(By.cssSelector("dialog .end-stream[data-lease-id='" + firstLease + "']"));
        second.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog.stream-limit-dialog")));
        second.await(d -> second.number(VIDEO_TIME) > 0.5);
        assertThat(second.visible(By.cssSelector("video#player")).getDomAttribute("data-lease-id")).isNotEqualTo(firstLease);

        // The first browser learns at its next heartbeat (404/410) that its stream was ended, and stops.
        first.await(ExpectedConditions.textToBe(By.cssSelector(".player-notice"), "Playback was stopped from another device."),
                Duration.ofSeconds(15));
        assertThat(first.script("return document.querySelector('video#player').paused")).isEqualTo(true);
    }
}
