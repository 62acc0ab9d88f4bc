package io.marquee.web;

import io.marquee.support.Browser;
import io.marquee.support.BrowserScreenshots;
import io.marquee.support.CatalogFixtures;
import io.marquee.support.WebFlows;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin area: a title made in the browser, its video renditions uploaded with a progress bar and shown as a
 * ladder, then played.
 */
@QuarkusTest
class AdminBrowserTest {

    @TestHTTPResource("/")
    URL app;

    @RegisterExtension
    BrowserScreenshots browsers = new BrowserScreenshots();

    @Test
    void adminAreaIsOnlyForAdmins() {
        Browser browser = browsers.open(app);
        WebFlows.signIn(browser, io.marquee.support.Api.signup());
        WebFlows.pickProfile(browser, "Test User");
        assertThat(browser.driver().findElement(By.id("nav-admin")).isDisplayed()).isFalse();
        browser.go("#/admin");
        browser.awaitHash("#/home");
    }

    @Test
    void createTitleUploadVideoWithProgressThenPlayIt() throws IOException {
        Browser browser = signInAsAdmin();
        String name = "Uploaded Tide " + UUID.randomUUID().toString().substring(0, 6);

        browser.click(By.id("nav-admin"));
        browser.click(By.id("new-title"));
        browser.type(By.id("t-name"), name);
        browser.type(By.id("t-year"), "2025");
        browser.visible(By.id("t-rating")).findElement(By.cssSelector("option[value='13']")).click();
        browser.type(By.id("t-runtime"), "1");
        browser.click(By.cssSelector("label[for='g-drama']"));
        browser.type(By.id("t-synopsis"), "Waves, uploaded from a browser.");
        browser.click(By.cssSelector("#title-form button[type=submit]"));
        browser.awaitHash("#/admin/title/");
        String titleId = browser.visible(By.cssSelector("section.admin[data-title-id]")).getDomAttribute("data-title-id");

        browser.visible(By.id("media-upload-file")).sendKeys(CatalogFixtures.SAMPLE_MP4.toAbsolutePath().toString());
        browser.click(By.cssSelector("#media-upload button[type=submit]"));
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("media-upload-message"), "Uploaded sample.mp4"));
        assertThat(browser.visible(By.id("media-upload-progress")).getDomProperty("value")).isEqualTo("100");
        assertThat(browser.visible(By.id("media-upload-percent")).getText()).isEqualTo("100%");

        // The ladder shows the rendition just uploaded, with what its packaging index says of it.
        By rendition = By.cssSelector("#ladder tr[data-label='1080p']");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(rendition, "Ready"));
        assertThat(browser.visible(rendition).getText()).contains("640\u00D7360").contains("avc1.4d401e, mp4a.40.2")
                .contains("25 fps").contains("0:40");
        browser.visible(By.cssSelector("#media-label option[value='240p']")).click();
        browser.visible(By.id("media-upload-file")).sendKeys(SAMPLE_240P.toAbsolutePath().toString());
        browser.click(By.cssSelector("#media-upload button[type=submit]"));
        By lower = By.cssSelector("#ladder tr[data-label='240p']");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(lower, "426\u00D7240"));
        assertThat(browser.driver().findElements(By.cssSelector("#ladder tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-label")).toList()).containsExactly("1080p", "240p");

        browser.go("#/title/" + titleId);
        browser.click(By.id("play-button"));
        browser.awaitHash("#/watch/" + titleId);
        browser.await(d -> browser.number("const v = document.querySelector('video#player'); return v ? v.currentTime : -1") > 1.0);
        assertThat(browser.consoleErrors()).noneMatch(message -> message.contains("Content Security Policy"));
    }

    private static final Path SAMPLE_240P = Path.of("src/main/resources/media/sample.240p.mp4");

    @Test
    void refusedUploadsShowTheServersReason(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String titleId = CatalogFixtures.movie("Refusals " + UUID.randomUUID().toString().substring(0, 6), 13);
        Path notVideo = dir.resolve("notes.mp4");
        Files.writeString(notVideo, "these are not the bytes of a video\n".repeat(200));
        Path lateMoov = dir.resolve("late-moov.mp4");
        Files.write(lateMoov, moovAfterMdat(CatalogFixtures.bytes(CatalogFixtures.SAMPLE_MP4)));

        Browser browser = signInAsAdmin();
        browser.go("#/admin/title/" + titleId);
        for (Map.Entry<Path, String> refusal : Map.of(notVideo, "not of the expected type", lateMoov, "moov").entrySet()) {
            Path file = refusal.getKey();
            browser.visible(By.id("media-upload-file")).sendKeys(file.toAbsolutePath().toString());
            browser.click(By.cssSelector("#media-upload button[type=submit]"));
            browser.await(ExpectedConditions.attributeToBe(By.id("media-upload-message"), "data-kind", "error"));
            String message = browser.visible(By.id("media-upload-message")).getText();
            assertThat(message).startsWith("The server refused this file").contains(refusal.getValue())
                    .doesNotContain("Request failed");
            browser.driver().navigate().refresh();
            browser.visible(By.id("media-upload-file"));
        }
    }

    private Browser signInAsAdmin() {
        Browser browser = browsers.open(app);
        WebFlows.signIn(browser, CatalogFixtures.ADMIN_EMAIL, CatalogFixtures.ADMIN_PASSWORD);
        browser.click(By.cssSelector(".profile-tile"));
        browser.awaitHash("#/home");
        return browser;
    }

    /** The same MP4 with its top-level boxes reordered so that moov follows mdat (not progressively playable). */
    static byte[] moovAfterMdat(byte[] mp4) {
        List<byte[]> boxes = new ArrayList<>();
        byte[] moov = null;
        ByteBuffer in = ByteBuffer.wrap(mp4);
        while (in.remaining() >= 8) {
            int size = in.getInt(in.position());
            String type = new String(mp4, in.position() + 4, 4, StandardCharsets.US_ASCII);
            byte[] box = new byte[size];
            in.get(box);
            if (type.equals("moov")) moov = box; else boxes.add(box);
        }
        assertThat(moov).as("sample has a moov box").isNotNull();
        boxes.add(moov);
        ByteBuffer out = ByteBuffer.allocate(mp4.length);
        boxes.forEach(out::put);
        return out.array();
    }
}
