package dev.duckstring.http;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Debian Chromium driven by its chromedriver; tests are skipped, with the reason printed,
 * where the packages {@code chromium} and {@code chromium-driver} are not installed.
 */
final class Browser {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Browser() {}

  /** Skips the calling test unless Chromium and chromedriver are installed. */
  static void assumeInstalled() {
    boolean ok = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (!ok) {
      System.out.println(
          "SKIPPED browser test: "
              + CHROMIUM
              + " or "
              + DRIVER
              + " is missing (apt-get install chromium chromium-driver; .ci/run does)");
    }
    assumeTrue(
        ok,
        "needs " + CHROMIUM + " and " + DRIVER + " (Debian packages chromium, chromium-driver)");
  }

  /** A fresh headless browser with its own profile under {@code profile}. */
  static ChromeDriver open(Path profile, int width, int height) {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toString());
    o.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=" + width + "," + height);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    o.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, o);
  }

  /** Saves a screenshot of the page to {@code target/<name>}. */
  static Path screenshot(ChromeDriver d, String name) throws IOException {
    Path png = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE).toPath();
    Path out = Path.of("target", name);
    Files.createDirectories(out.getParent());
    Files.copy(png, out, StandardCopyOption.REPLACE_EXISTING);
    return out;
  }
}
