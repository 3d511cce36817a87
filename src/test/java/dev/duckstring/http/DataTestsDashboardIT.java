package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.model.LineState;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A run failed by its data tests (decision 49) over HTTP: the run reply carries {@code tests}, and
 * the dashboard's run page lists each test with its state and failing rows.
 */
class DataTestsDashboardIT {
  @TempDir Path tmp;

  @Test
  void theRunPageListsTheDataTestsWithTheirFailingRows() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Path p = c.cd("shop");
      Projects.write(
          p,
          "pond.toml",
          Projects.toml("shop", "1.0.0")
              + "[ripples.daily.checks]\nnot_null = [\"id\"]\n[tests.positive]\nseverity = \"warn\"\n",
          "src/daily.sql",
          "SELECT * FROM (VALUES (1, 'a'), (NULL, 'b'), (-5, 'c')) t(id, day)\n",
          "tests/positive.sql",
          "SELECT * FROM daily WHERE id < 0\n");
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "shop").ok();
      LineStatus failed = c.awaitStatus("shop@1", s -> s.state() == LineState.FAILED);
      String run = failed.lastRun().id();

      String body =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(c.httpUrl() + "/api/ponds/shop/runs/" + run + "?version=1"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      String flat = body.replaceAll("\\s+", "");
      assertTrue(
          flat.contains("\"tests\":[{\"name\":\"positive\",\"severity\":\"warn\"")
              && flat.contains("\"name\":\"daily.not_null.id\",\"severity\":\"error\""),
          body);

      Browser.assumeInstalled();
      ChromeDriver d = Browser.open(tmp.resolve("chrome"), 1280, 800);
      try {
        d.get(c.httpUrl() + "/#/runs/shop/1/" + run);
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(30));
        String row = "#run-tests tr[data-test='%s'][data-state='%s']";
        wait.until(
            x ->
                x.findElements(By.cssSelector(row.formatted("daily.not_null.id", "failed"))).size()
                    == 1);
        assertEquals(1, d.findElements(By.cssSelector(row.formatted("positive", "warn"))).size());
        String sample =
            d.findElement(By.cssSelector(row.formatted("daily.not_null.id", "failed") + " td.err"))
                .getText();
        assertEquals("id | day\nNULL | b", sample);
        assertTrue(d.findElement(By.id("run-tests-table")).isDisplayed());
        List<LogEntry> severe =
            d.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertEquals(List.of(), severe, "no script errors or CSP violations");
        System.out.println(
            "screenshot: " + Browser.screenshot(d, "dashboard-tests.png").toAbsolutePath());
      } finally {
        d.quit();
      }
    }
  }
}
