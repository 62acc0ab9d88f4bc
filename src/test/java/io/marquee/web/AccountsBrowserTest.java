package io.marquee.web;

import io.marquee.support.Api;
import io.marquee.support.Browser;
import io.marquee.support.BrowserScreenshots;
import io.marquee.support.WebFlows;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Sign-up, profiles (kids, PIN pad) and the account page, in headless Chromium. */
@QuarkusTest
class AccountsBrowserTest {

    @TestHTTPResource("/")
    URL app;

    @RegisterExtension
    BrowserScreenshots browsers = new BrowserScreenshots();

    @Test
    void signUpThenCreateKidsAndLockedProfilesAndUnlockWithThePinPad() {
        Browser browser = browsers.open(app);
        String email = "web-" + UUID.randomUUID() + "@example.com";

        browser.go("#/signup");
        browser.type(By.id("f-name"), "Robin");
        browser.type(By.id("f-email"), email);
        browser.type(By.id("f-password"), Api.PASSWORD);
        browser.click(By.cssSelector("form button[type=submit]"));
        browser.awaitHash("#/profiles");
        assertThat(browser.visible(By.id("profiles-title")).getText()).isEqualTo("Who\u2019s watching?");

        WebFlows.addProfile(browser, "Kids", 7, null);
        WebFlows.addProfile(browser, "Private", 18, "4821");
        browser.click(By.linkText("Done"));
        browser.visible(By.cssSelector(".profile-tile[data-profile-name='Kids'] .badge.kids"));

        String access = Api.login(email).getString("accessToken");
        List<Map<String, Object>> profiles = Api.as(access).get("/api/v1/profiles").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertThat(profiles).anySatisfy(p -> {
            assertThat(p.get("name")).isEqualTo("Kids");
            assertThat(p.get("maturityLevel")).isEqualTo(7);
            assertThat(p.get("locked")).isEqualTo(false);
        });
        assertThat(profiles).anySatisfy(p -> {
            assertThat(p.get("name")).isEqualTo("Private");
            assertThat(p.get("locked")).isEqualTo(true);
        });

        // A wrong PIN is refused and says so; the right one, typed on the pad, opens the profile.
        browser.click(By.cssSelector(".profile-tile[data-profile-name='Private']"));
        browser.visible(By.cssSelector("dialog .pinpad"));
        for (char digit : "1111".toCharArray()) {
            browser.click(By.cssSelector("dialog .pin-key[aria-label='" + digit + "']"));
        }
        browser.await(ExpectedConditions.textToBe(By.id("toast"), "Wrong PIN."));
        assertThat(browser.script("return location.hash")).isEqualTo("#/profiles");

        // This time by keyboard: the pad's field has the focus when it opens.
        browser.click(By.cssSelector(".profile-tile[data-profile-name='Private']"));
        browser.visible(By.cssSelector("dialog .pinpad"));
        browser.await(d -> "pin-input".equals(browser.script("return document.activeElement && document.activeElement.id")));
        new Actions(browser.driver()).sendKeys("4821").perform();
        browser.awaitHash("#/home");
        assertThat(browser.visible(By.id("profile-switch")).getAttribute("aria-label")).contains("Private");
    }

    @Test
    void accountPageChangesThePlanAndSignsOutEverywhere() {
        String email = Api.signup();
        String otherLogin = Api.login(email).getString("refreshToken");
        Browser browser = browsers.open(app);
        WebFlows.signIn(browser, email);
        WebFlows.pickProfile(browser, "Test User");

        browser.go("#/account");
        browser.visible(By.id("account-title"));
        assertThat(browser.visible(By.id("plan-STANDARD")).isSelected()).isTrue();
        browser.click(By.cssSelector("label[for='plan-PREMIUM']"));
        browser.click(By.cssSelector("form.plans button[type=submit]"));
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".plans .form-status"), "up to 4 streams"));
        String access = Api.login(email).getString("accessToken");
        Api.as(access).get("/api/v1/account").then().statusCode(200).body("plan", org.hamcrest.Matchers.is("PREMIUM"));

        browser.click(By.id("sign-out-all"));
        browser.await(ExpectedConditions.alertIsPresent()).accept();
        browser.awaitHash("#/login");
        // Every login of the account ended, including one made elsewhere.
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", otherLogin))
                .post("/api/v1/auth/refresh").then().statusCode(401);
        // And the page is signed out: going Home asks for a sign-in again.
        browser.go("#/home");
        browser.awaitHash("#/login");
    }

    @Test
    void reloadKeepsTheSessionInThisTabOnlyAndSignOutForgetsIt() {
        String email = Api.signup();
        Browser browser = browsers.open(app);
        WebFlows.signIn(browser, email);
        WebFlows.pickProfile(browser, "Test User");

        browser.driver().navigate().refresh();
        browser.awaitHash("#/home");
        browser.visible(By.id("profile-switch"));
        // The access token is never written to storage; only the rotating refresh token is, in sessionStorage.
        assertThat(String.valueOf(browser.script("return JSON.stringify(Object.assign({}, localStorage))"))).isEqualTo("{}");
        assertThat(String.valueOf(browser.script("return JSON.stringify(Object.assign({}, sessionStorage))")))
                .doesNotContain("eyJ");

        browser.go("#/account");
        browser.click(By.id("sign-out"));
        browser.awaitHash("#/login");
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
    }
}
