package io.stagesync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven headless through its chromedriver, for the browser tests.
 *
 * <p><b>Needs {@code chromium} and {@code chromium-driver}</b> ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver};
 * {@code ./test} installs them when missing). Other paths: system properties {@code stagesync.test.chromium} and
 * {@code stagesync.test.chromedriver}. Selenium is given both paths, so its Selenium Manager never runs and nothing
 * is downloaded.
 */
public final class HeadlessChromium {
    public static final String CHROMIUM = System.getProperty("stagesync.test.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("stagesync.test.chromedriver", "/usr/bin/chromedriver");
    /**
     * Selenium warns on every session that it ships no DevTools bindings for this Chromium; the tests use WebDriver
     * only. Held here so the logger's level is not collected with it.
     */
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    private HeadlessChromium() {
    }

    /** Fails with what to install when Chromium or chromedriver is missing. */
    public static void requireInstalled() {
        assertThat(new File(CHROMIUM)).as("this test needs Chromium at " + CHROMIUM
                + " (./test installs it: apt-get install -y chromium chromium-driver)").canRead();
        assertThat(new File(CHROMEDRIVER)).as("this test needs chromedriver at " + CHROMEDRIVER
                + " (./test installs it: apt-get install -y chromium chromium-driver)").canRead();
        CDP_LOG.setLevel(Level.SEVERE);
    }

    /** A new headless browser with a fresh profile in {@code profile}; the caller quits it. */
    public static ChromeDriver open(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // without the background-networking switches Chromium's own connections are refused on a closed network
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
