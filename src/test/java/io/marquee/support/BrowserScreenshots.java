package io.marquee.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tracks the browsers a test opens, saves a screenshot of each to {@code target/screenshots/} when the test fails,
 * and closes them afterwards (TestWatcher runs after the test's own after-methods, so a failing page is still
 * there). Register it with {@code @RegisterExtension} and open browsers through it.
 */
public final class BrowserScreenshots implements TestWatcher {

    private final List<Browser> open = new ArrayList<>();

    public Browser open(java.net.URL base) {
        Browser browser = Browser.open(base);
        open.add(browser);
        return browser;
    }

    public Browser open(java.net.URL base, int width, int height) {
        Browser browser = Browser.open(base, width, height);
        open.add(browser);
        return browser;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        for (int i = 0; i < open.size(); i++) {
            try {
                open.get(i).screenshot(Path.of("target", "screenshots", name + (open.size() > 1 ? "-" + (i + 1) : "") + ".png"));
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
        closeAll();
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        closeAll();
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        closeAll();
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        closeAll();
    }

    private void closeAll() {
        for (Browser browser : open) {
            try {
                browser.close();
            } catch (RuntimeException ignored) {
                // the browser may already be gone
            }
        }
        open.clear();
    }
}
