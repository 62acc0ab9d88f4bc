package io.marquee.scratch;

import io.agroal.api.AgroalDataSource;
import io.marquee.support.Api;
import io.marquee.support.Browser;
import io.marquee.support.WebFlows;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

@QuarkusTest
class LookTest {
    @TestHTTPResource("/") URL app;
    @Inject AgroalDataSource ds;

    String[][] titles = {
        {"Midnight Harbor","movie","16","thriller"},{"The Quiet Lighthouse","movie","13","drama"},{"Starfall Academy","series","7","sci-fi"},
        {"Paper Moons","movie","0","animation"},{"Crimson Ledger","series","18","crime"},{"Salt & Ember","movie","16","romance"},
        {"Glass Orchard","movie","13","mystery"},{"The Long Weekend","movie","13","comedy"},{"Iron Prairie","series","16","action"},
        {"Wild Atlas","series","0","documentary"},{"Hollow Signal","movie","18","horror"},{"Little Lanterns","series","0","family"},
        {"North of Nowhere","movie","13","adventure"},{"Echo Park Nights","movie","16","drama"},{"Kingdom of Foxes","series","7","fantasy"}};

    @Test
    void look() throws Exception {
        String seriesId = null;
        try (Connection c = ds.getConnection()) {
            int year = 2015;
            for (String[] t : titles) {
                UUID id = UUID.randomUUID();
                try (PreparedStatement p = c.prepareStatement("insert into title(id,type,name,synopsis,year,maturity_rating,runtime_seconds,cast_members,play_count) values (?,?,?,?,?,?,?,?,?)")) {
                    p.setObject(1, id); p.setString(2, t[1]); p.setString(3, t[0]);
                    p.setString(4, "When a storm cuts the town off from the mainland, an unlikely group has one night to find out who is sending signals from the abandoned lighthouse.");
                    p.setInt(5, year++); p.setInt(6, Integer.parseInt(t[2])); p.setObject(7, t[1].equals("movie") ? 6000 : null);
                    p.setArray(8, c.createArrayOf("text", new String[]{"Ada Lindqvist","Tomás Reyes","Mei Tanaka"}));
                    p.setLong(9, (long) (Math.random() * 1000));
                    p.executeUpdate();
                }
                for (String g : new String[]{t[3], year % 2 == 0 ? "drama" : "thriller", year % 3 == 0 ? "comedy" : "adventure"}) {
                    try (PreparedStatement p = c.prepareStatement("insert into title_genre values (?,?) on conflict do nothing")) { p.setObject(1, id); p.setString(2, g); p.executeUpdate(); }
                }
                if (t[1].equals("series") && seriesId == null) {
                    seriesId = id.toString();
                    try (PreparedStatement p = c.prepareStatement("insert into season(id,title_id,number) values (?,?,1),(?,?,2)")) {
                        p.setObject(1, UUID.randomUUID()); p.setObject(2, id); p.setObject(3, UUID.randomUUID()); p.setObject(4, id); p.executeUpdate(); }
                    for (int s = 1; s <= 2; s++) for (int e = 1; e <= 4; e++) try (PreparedStatement p = c.prepareStatement("insert into episode(id,title_id,season_number,number,name,synopsis,duration_seconds) values (?,?,?,?,?,?,?)")) {
                        p.setObject(1, UUID.randomUUID()); p.setObject(2, id); p.setInt(3, s); p.setInt(4, e); p.setString(5, "Chapter " + e + ": The Signal"); p.setString(6, "The cadets find a message that should not exist."); p.setInt(7, 2700); p.executeUpdate(); }
                }
            }
        }
        String email = Api.signup();
        String tok = Api.newProfileToken();
        for (String q : new String[]{"lighthuose", "lighthose", "quiet lighthose", "quiet lighthuose", "Lighthouse", "midnite harbor", "harbour"}) {
            System.out.println("SEARCH " + q + " -> " + Api.as(tok).queryParam("q", q).get("/api/v1/search").then().extract().path("items.name"));
        }
        try (Browser b = Browser.open(app)) {
            ((org.openqa.selenium.chrome.ChromeDriver) b.driver()).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    java.util.Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
            WebFlows.signIn(b, email);
            b.screenshot(Path.of("target/look/profiles.png"));
            WebFlows.pickProfile(b, "Test User");
            b.visible(By.cssSelector(".row .card"));
            Thread.sleep(500);
            b.screenshot(Path.of("target/look/home.png"));
            b.go("#/title/" + seriesId);
            b.visible(By.id("title-name")); Thread.sleep(300);
            b.click(By.cssSelector(".thumbs [data-rating='up']")); Thread.sleep(300);
            b.screenshot(Path.of("target/look/title.png"));
            b.go("#/search?q=lighthuose"); Thread.sleep(1500);
            b.screenshot(Path.of("target/look/search.png"));
            b.go("#/account"); b.visible(By.id("account-title")); Thread.sleep(300);
            b.screenshot(Path.of("target/look/account.png"));
            ((org.openqa.selenium.chrome.ChromeDriver) b.driver()).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    java.util.Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
            b.go("#/home"); b.visible(By.cssSelector(".row .card")); Thread.sleep(500);
            b.screenshot(Path.of("target/look/phone-home.png"));
            b.go("#/title/" + seriesId); b.visible(By.id("title-name")); Thread.sleep(300);
            b.screenshot(Path.of("target/look/phone-title.png"));
        }
        try (Browser b = Browser.open(app)) {
            b.driver().manage().window().setSize(new Dimension(1280, 800));
            WebFlows.signIn(b, "admin@marquee.test", "marquee-test-admin");
            b.click(By.cssSelector(".profile-tile")); b.awaitHash("#/home");
            b.go("#/admin"); b.visible(By.id("admin-title")); Thread.sleep(300);
            b.screenshot(Path.of("target/look/admin.png"));
            b.go("#/admin/title/" + seriesId); b.visible(By.id("admin-edit-title")); Thread.sleep(500);
            b.screenshot(Path.of("target/look/admin-title.png"));
            System.out.println("LOGS: " + b.driver().manage().logs().get("browser").getAll());
        }
    }
}
