package io.marquee.web;

import io.marquee.support.Api;
import io.marquee.support.Browser;
import io.marquee.support.BrowserScreenshots;
import io.marquee.support.CatalogFixtures;
import io.marquee.support.WebFlows;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Regenerates docs/screenshot-home.png (1280x800): {@code ./mvnw -B -o test -Dtest=DocsScreenshotTest
 * -Dmarquee.docs.screenshot=true}. Titles and artwork are made through the admin API; the posters are drawn here.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "marquee.docs.screenshot", matches = "true")
class DocsScreenshotTest {

    private static final List<Object[]> TITLES = List.of(
            new Object[]{"Iron Prairie", 16, List.of("action", "adventure", "thriller"), 28},
            new Object[]{"Midnight Harbor", 16, List.of("action", "thriller", "drama"), 210},
            new Object[]{"The Quiet Lighthouse", 13, List.of("adventure", "drama", "mystery"), 190},
            new Object[]{"Starfall Academy", 7, List.of("action", "sci-fi", "adventure"), 230},
            new Object[]{"Paper Moons", 0, List.of("adventure", "animation", "family"), 40},
            new Object[]{"Crimson Ledger", 16, List.of("action", "crime", "thriller"), 355},
            new Object[]{"Salt & Ember", 13, List.of("adventure", "romance", "drama"), 20},
            new Object[]{"Glass Orchard", 13, List.of("action", "mystery", "thriller"), 160},
            new Object[]{"The Long Weekend", 13, List.of("adventure", "comedy", "drama"), 45},
            new Object[]{"Wild Atlas", 0, List.of("action", "documentary", "adventure"), 120},
            new Object[]{"North of Nowhere", 13, List.of("adventure", "drama", "comedy"), 200},
            new Object[]{"Kingdom of Foxes", 7, List.of("action", "fantasy", "family"), 15});

    @TestHTTPResource("/")
    URL app;

    @RegisterExtension
    BrowserScreenshots browsers = new BrowserScreenshots();

    @Test
    void homePage() throws Exception {
        String admin = CatalogFixtures.adminToken();
        for (Object[] t : TITLES) {
            String name = (String) t[0];
            String id = Api.as(admin).contentType(ContentType.JSON).body(Map.of(
                            "type", "movie", "name", name, "synopsis", "A Marquee original: " + name + ".",
                            "year", 2025, "maturityRating", t[1], "genres", t[2], "cast", List.of("Ada Lindqvist"),
                            "runtimeSeconds", 6000))
                    .post("/api/v1/admin/titles").then().statusCode(201).extract().path("id");
            int hue = (Integer) t[3];
            Api.as(admin).contentType("image/png").body(png(400, 600, name, hue))
                    .put("/api/v1/admin/titles/" + id + "/artwork/poster").then().statusCode(201);
            Api.as(admin).contentType("image/png").body(png(1280, 720, name, hue))
                    .put("/api/v1/admin/titles/" + id + "/artwork/backdrop").then().statusCode(201);
        }
        Browser browser = browsers.open(app);
        browser.emulate(1280, 800, false);
        WebFlows.signIn(browser, Api.signup());
        WebFlows.pickProfile(browser, "Test User");
        browser.visible(By.cssSelector(".row .card img"));
        browser.await(d -> Boolean.TRUE.equals(browser.script(
                "return [...document.images].filter(i => i.getBoundingClientRect().top < innerHeight)"
                        + ".every(i => i.complete) && document.fonts.status === 'loaded'"
                        + " && document.getAnimations().every(a => a.playState !== 'running')")));
        browser.screenshot(Path.of("docs", "screenshot-home.png"));
    }

    /** Artwork drawn for the screenshot: a colour field, soft light, the name in large type. */
    private static byte[] png(int width, int height, String name, int hue) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Color deep = Color.getHSBColor(hue / 360f, 0.65f, 0.22f);
        Color bright = Color.getHSBColor(hue / 360f, 0.7f, 0.75f);
        g.setPaint(new GradientPaint(0, 0, bright, width * 0.6f, height, deep));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 6; i++) {
            g.setColor(new Color(255, 255, 255, 14));
            int r = (int) (Math.min(width, height) * (0.25 + i * 0.12));
            g.fillOval(width / 3 - r / 2, height / 4 - r / 2, r, r);
        }
        boolean poster = height > width;
        if (!poster) {
            return encode(image, g);
        }
        g.setColor(new Color(0, 0, 0, 110));
        g.fillRect(0, height * 2 / 3, width, height / 3);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 38));
        int y = height - 120;
        for (String line : wrap(name.toUpperCase(), 13)) {
            g.drawString(line, 28, y);
            y += 44;
        }
        return encode(image, g);
    }

    private static byte[] encode(BufferedImage image, Graphics2D g) {
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + word.length() + 1 > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
