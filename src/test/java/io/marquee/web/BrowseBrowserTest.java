package io.marquee.web;

import io.marquee.support.Api;
import io.marquee.support.Browser;
import io.marquee.support.BrowserScreenshots;
import io.marquee.support.CatalogFixtures;
import io.marquee.support.WebFlows;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URL;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Browsing as a subscriber: kids profiles see no adult titles; search tolerates typos; My List. */
@QuarkusTest
class BrowseBrowserTest {

    @TestHTTPResource("/")
    URL app;

    @RegisterExtension
    BrowserScreenshots browsers = new BrowserScreenshots();

    @Test
    void kidsProfileSeesNoEighteenRatedTitle() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String adultId = CatalogFixtures.movie("Grimhold Reckoning " + tag, 18);
        String kidsId = CatalogFixtures.movie("Puddle Jumpers " + tag, 7);

        Browser browser = browsers.open(app);
        browser.go("#/signup");
        browser.type(By.id("f-name"), "Parent");
        browser.type(By.id("f-email"), "web-" + UUID.randomUUID() + "@example.com");
        browser.type(By.id("f-password"), Api.PASSWORD);
        browser.click(By.cssSelector("form button[type=submit]"));
        browser.awaitHash("#/profiles");
        WebFlows.addProfile(browser, "Kids", 7, null);
        browser.go("#/profiles");
        WebFlows.pickProfile(browser, "Kids");

        browser.visible(By.cssSelector(".row .card"));
        List<WebElement> cards = browser.driver().findElements(By.cssSelector(".card"));
        assertThat(cards).isNotEmpty();
        assertThat(cards).allSatisfy(card -> assertThat(Integer.parseInt(card.getDomAttribute("data-maturity"))).isLessThanOrEqualTo(7));
        assertThat(browser.driver().findElements(By.cssSelector(".card[data-title-id='" + adultId + "']"))).isEmpty();

        browser.type(By.id("search-input"), tag);
        browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#search-results .card[data-title-id='" + kidsId + "']")));
        assertThat(browser.driver().findElements(By.cssSelector("#search-results .card[data-title-id='" + adultId + "']"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#search-results .card[data-maturity='18']"))).isEmpty();

        browser.go("#/title/" + adultId);
        assertThat(browser.visible(By.cssSelector("main h1")).getText()).isEqualTo("Title not found");
    }

    @Test
    void phoneWidthLaysOutWithoutSidewaysScrolling() {
        String id = CatalogFixtures.movie("Narrow Screens " + UUID.randomUUID().toString().substring(0, 6), 13);
        Browser browser = browsers.open(app);
        browser.emulate(390, 844, true);
        WebFlows.signIn(browser, Api.signup());
        WebFlows.pickProfile(browser, "Test User");
        for (String page : List.of("#/home", "#/title/" + id, "#/account", "#/search?q=narrow")) {
            browser.go(page);
            browser.visible(By.cssSelector("main h1, main .hero"));
            assertThat(browser.number("return document.documentElement.scrollWidth - window.innerWidth"))
                    .as("sideways overflow on %s", page).isLessThanOrEqualTo(0);
            // Everything in the top bar is reachable: search, profile switch, account.
            for (String control : List.of("search-input", "profile-switch")) {
                assertThat(browser.driver().findElement(By.id(control)).isDisplayed()).as(control).isTrue();
            }
            assertThat(browser.driver().findElement(By.cssSelector(".account-link")).isDisplayed()).isTrue();
        }
    }

    @Test
    void adultSearchesWithATypoOpensTheTitleAndAddsItToMyList() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String name = "The Quiet Lighthouse " + tag;
        String id = CatalogFixtures.movie(name, 16);
        String email = Api.signup();

        Browser browser = browsers.open(app);
        WebFlows.signIn(browser, email);
        WebFlows.pickProfile(browser, "Test User");

        // Typed one key at a time, with a typo ("lighthuose"); results come while typing (debounced).
        WebElement search = browser.visible(By.id("search-input"));
        for (char c : "quiet lighthuose".toCharArray()) {
            search.sendKeys(String.valueOf(c));
        }
        browser.awaitHash("#/search?q=");
        browser.click(By.cssSelector("#search-results .card[data-title-id='" + id + "']"));
        browser.awaitHash("#/title/" + id);
        assertThat(browser.visible(By.id("title-name")).getText()).isEqualTo(name);

        WebElement toggle = browser.clickable(By.id("my-list-toggle"));
        assertThat(toggle.getDomAttribute("aria-pressed")).isEqualTo("false");
        toggle.click();
        browser.await(ExpectedConditions.attributeToBe(By.id("my-list-toggle"), "aria-pressed", "true"));

        browser.click(By.cssSelector(".thumbs [data-rating='up']"));
        browser.await(ExpectedConditions.attributeToBe(By.cssSelector(".thumbs [data-rating='up']"), "aria-pressed", "true"));

        browser.go("#/list");
        browser.visible(By.cssSelector(".grid .card[data-title-id='" + id + "']"));
        // Still listed after opening the title again: the toggle reads the list, not page state.
        browser.go("#/title/" + id);
        browser.await(ExpectedConditions.attributeToBe(By.id("my-list-toggle"), "aria-pressed", "true"));
    }
}
