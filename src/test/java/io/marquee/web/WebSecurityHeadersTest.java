package io.marquee.web;

import io.marquee.support.Browser;
import io.marquee.support.BrowserScreenshots;
import io.marquee.support.TestPlayers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The page and its modules carry a strict CSP; the API and Swagger UI are not affected by it. */
@QuarkusTest
class WebSecurityHeadersTest {

    private static final Path WEB = Path.of("src/main/resources/META-INF/resources");

    @TestHTTPResource("/")
    URL app;

    @RegisterExtension
    BrowserScreenshots browsers = new BrowserScreenshots();

    @Test
    void pageAndModulesCarryAStrictContentSecurityPolicy() {
        for (String path : List.of("/", "/index.html", "/app/main.js", "/app/styles.css")) {
            given().get(path).then().statusCode(200)
                    .header("Content-Security-Policy", allOf(
                            containsString("default-src 'self'"), containsString("script-src 'self';"),
                            containsString("style-src 'self';"), containsString("img-src 'self' data:"),
                            containsString("media-src 'self' blob:"), containsString("object-src 'none'"),
                            containsString("frame-ancestors 'none'"), not(containsString("unsafe"))))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .header("X-Frame-Options", "DENY")
                    .header("Cache-Control", containsString("no-cache"));
        }
        given().get("/").then().contentType(containsString("text/html"));
        given().get("/app/main.js").then().contentType(containsString("javascript"));
    }

    @Test
    void chromiumEnforcesThePolicyOnThePage() {
        Browser browser = browsers.open(app);
        browser.go("#/login");
        browser.visible(By.id("f-email"));
        assertThat(browser.consoleErrors()).noneMatch(m -> m.contains("Content Security Policy"));
        // What an injection would try: an inline script, an inline style, an image from elsewhere. All refused.
        browser.script("const s = document.createElement('script'); s.textContent = 'window.injected = true';"
                + "document.body.append(s);"
                + "const st = document.createElement('style'); st.textContent = 'body { display: none }';"
                + "document.head.append(st);"
                + "const i = document.createElement('img'); i.src = 'http://example.invalid/x.png'; document.body.append(i);");
        browser.await(d -> browser.consoleErrors().stream().anyMatch(m -> m.contains("Content Security Policy")));
        assertThat(browser.script("return window.injected === true")).isEqualTo(false);
        assertThat(browser.script("return getComputedStyle(document.body).display")).isNotEqualTo("none");
    }

    @Test
    void hlsJsIsServedFromTheAppsOwnOriginWhereThePlayerLoadsIt() throws IOException {
        Matcher path = Pattern.compile("HLS_JS = '([^']+)'").matcher(Files.readString(WEB.resolve("app/views/sources.js")));
        assertThat(path.find()).as("HLS_JS in sources.js").isTrue();
        assertThat(path.group(1)).as("the WebJar version in pom.xml").isEqualTo(TestPlayers.hlsJs());
        given().get(path.group(1)).then().statusCode(200).contentType(containsString("javascript"));
    }

    @Test
    void jsonApiHasNosniffButNoPageHeaders() {
        given().get("/api/v1/account").then().statusCode(401)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", is(nullValue()));
    }

    @Test
    void noInlineScriptStyleOrHandlersInTheShippedFiles() throws IOException {
        String html = Files.readString(WEB.resolve("index.html"));
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(html).doesNotContainPattern("<style|\\sstyle=|\\son[a-z]+=");
        try (Stream<Path> files = Files.walk(WEB.resolve("app"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                String js = Files.readString(file);
                assertThat(js).as(file.toString())
                        .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                                "new Function", "setAttribute('style'", "localStorage");
            }
        }
    }
}
