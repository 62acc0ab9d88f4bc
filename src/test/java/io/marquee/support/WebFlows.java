package io.marquee.support;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The steps of the web app that many browser tests share, done the way a user does them. */
public final class WebFlows {

    private WebFlows() {
    }

    public static void signIn(Browser browser, String email, String password) {
        browser.go("#/login");
        browser.type(By.id("f-email"), email);
        browser.type(By.id("f-password"), password);
        browser.click(By.cssSelector("form button[type=submit]"));
        browser.awaitHash("#/profiles");
    }

    public static void signIn(Browser browser, String email) {
        signIn(browser, email, Api.PASSWORD);
    }

    /** Picks a profile on the picker (no PIN) and waits for Home. */
    public static void pickProfile(Browser browser, String name) {
        browser.awaitHash("#/profiles");
        browser.click(By.cssSelector(".profile-tile[data-profile-name='" + name + "']"));
        browser.awaitHash("#/home");
    }

    /** Adds a profile from the Manage profiles screen. */
    public static void addProfile(Browser browser, String name, int maturityLevel, String pin) {
        browser.go("#/profiles?manage=1");
        browser.click(By.cssSelector(".profile-tile.add"));
        browser.type(By.id("p-name"), name);
        browser.visible(By.id("p-maturity")).findElement(By.cssSelector("option[value='" + maturityLevel + "']")).click();
        if (pin != null) {
            browser.type(By.id("p-pin"), pin);
        }
        browser.click(By.cssSelector("dialog .profile-form button[type=submit]"));
        browser.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog")));
        browser.visible(By.cssSelector(".profile-tile[data-profile-name='" + name + "']"));
    }
}
