package io.marquee.support;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;

/**
 * One headless Debian Chromium (its own empty profile directory, so each Browser is a separate browser context)
 * driven through Debian's chromedriver. Nothing is downloaded: the driver and browser paths are fixed and
 * Selenium Manager is never consulted.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = System.getProperty("marquee.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("marquee.chromedriver", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profileDir;
    private final URL base;

    private Browser(URL base, int width, int height) {
        this.base = base;
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        try {
            profileDir = Files.createTempDirectory("marquee-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--mute-audio", "--autoplay-policy=no-user-gesture-required",
                "--user-data-dir=" + profileDir, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
    }

    public static boolean available() {
        return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    }

    public static Browser open(URL base) {
        return new Browser(base, 1280, 800);
    }

    public static Browser open(URL base, int width, int height) {
        return new Browser(base, width, height);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Loads the app at a hash route, e.g. {@code #/login}. */
    public Browser go(String hash) {
        String current = driver.getCurrentUrl();
        if (current != null && current.startsWith(base.toString().replaceAll("/$", ""))) {
            script("location.hash = arguments[0]", hash);
        } else {
            driver.get(base.toString().replaceAll("/$", "") + "/" + hash);
        }
        return this;
    }

    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    public <T> T await(Function<WebDriver, T> condition, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(condition);
    }

    public WebElement visible(By by) {
        return await(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public WebElement clickable(By by) {
        return await(ExpectedConditions.elementToBeClickable(by));
    }

    /**
     * Clicks the element once it is clickable. A page that re-renders (a view replacing the one the element was found
     * in) can detach it between finding and clicking: then it is found again, until the wait runs out.
     */
    public void click(By by) {
        await(driver -> {
            try {
                WebElement element = ExpectedConditions.elementToBeClickable(by).apply(driver);
                if (element == null) {
                    return false;
                }
                element.click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
    }

    public void type(By by, String text) {
        WebElement element = visible(by);
        element.clear();
        element.sendKeys(text);
    }

    public void awaitHash(String prefix) {
        await(d -> String.valueOf(((JavascriptExecutor) d).executeScript("return location.hash")).startsWith(prefix));
    }

    public Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    public double number(String js, Object... args) {
        Object value = script(js, args);
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    /** Emulates a screen of this size (CSS pixels, device scale 1), e.g. 390x844 for a phone. */
    public Browser emulate(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
        return this;
    }

    /** Runs a script that reports its result by calling its last argument. */
    public Object asyncScript(String js, Object... args) {
        return driver.executeAsyncScript(js, args);
    }

    /** Caps how fast this browser downloads, in bits per second (DevTools network throttling). */
    public Browser capDownload(double bitsPerSecond) {
        driver.executeCdpCommand("Network.enable", java.util.Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", java.util.Map.of("offline", false, "latency", 0,
                "downloadThroughput", bitsPerSecond / 8, "uploadThroughput", -1));
        return this;
    }

    /** Runs this script in every page this browser opens from now on, before the page's own scripts. */
    public Browser beforeEachPage(String js) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", js));
        return this;
    }

    /** Console messages the page logged as errors since the last call (CSP violations among them). */
    public java.util.List<String> consoleErrors() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .toList();
    }

    /** Writes a PNG of the current page. */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profileDir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
