package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard in headless Chromium against a real daemon with the demo deployed and pulsed. */
class DashboardIT {
  @TempDir Path tmp;

  @Test
  void theDashboardDrawsTheDemoGraphWithStatesAndRefreshesWithoutReloading() throws Exception {
    Browser.assumeInstalled();
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deployDemos();
      c.cli("pulse", "dev", "outlet").ok();
      for (String line : List.of("inlet@1", "pond@1", "outlet@1")) {
        c.awaitRuns(line, 1);
      }
      ChromeDriver d = Browser.open(tmp.resolve("chrome"), 1440, 900);
      try {
        d.get(c.httpUrl() + "/");
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(30));
        wait.until(x -> x.findElements(By.cssSelector("#graph .node")).size() == 3);
        wait.until(x -> x.findElements(By.cssSelector("#runs tr")).size() == 3);

        assertEquals(Map.of("inlet@1", "fresh", "pond@1", "fresh", "outlet@1", "fresh"), states(d));
        assertEquals(2, d.findElements(By.cssSelector("#graph path.edge")).size());
        assertEquals("dev", d.findElement(By.id("catchment")).getText());
        String graph = d.findElement(By.id("graph")).getText();
        for (String text : List.of("inlet", "pond", "outlet", "v1.0.0", "fresh")) {
          assertTrue(graph.contains(text), graph);
        }
        double inletX = x(d, "inlet@1");
        double pondX = x(d, "pond@1");
        assertTrue(inletX < pondX && pondX < x(d, "outlet@1"), "Sources left of their Sinks");

        d.executeScript("window.notReloaded = true;");
        c.cli("tide", "dev", "outlet", "4h").ok();
        wait.until(x -> x.findElement(By.id("graph")).getText().contains("tide 4h"));
        c.cli("pulse", "dev", "outlet").ok();
        c.awaitRuns("outlet@1", 2);
        wait.until(x -> x.findElements(By.cssSelector("#runs tr")).size() >= 6);
        assertEquals(Boolean.TRUE, d.executeScript("return window.notReloaded === true;"));

        List<LogEntry> severe =
            d.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertEquals(List.of(), severe, "no script errors or CSP violations");
        System.out.println(
            "screenshot: " + Browser.screenshot(d, "dashboard.png").toAbsolutePath());
      } finally {
        d.quit();
      }
    }
  }

  @Test
  void theGraphMarksRunningRipplesAndARunPageShowsEachRippleLive() throws Exception {
    Browser.assumeInstalled();
    Path gate = tmp.resolve("gate");
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      LongPollIT.deploySlow(c, gate);
      ChromeDriver d = Browser.open(tmp.resolve("chrome"), 1280, 800);
      try {
        d.get(c.httpUrl() + "/");
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(30));
        wait.until(x -> x.findElements(By.cssSelector("#graph .node")).size() == 1);
        c.cli("pulse", "dev", "slow").ok();
        String card = "#graph .node[data-line='slow@1'] ";
        wait.until(
            x ->
                x.findElements(
                            By.cssSelector(card + ".rip[data-ripple='hold'][data-state='running']"))
                        .size()
                    == 1);
        wait.until(
            x ->
                x.findElements(
                            By.cssSelector(
                                card + ".rip[data-ripple='quick'][data-state='success']"))
                        .size()
                    == 1);
        assertTrue(d.findElement(By.cssSelector("#graph")).getText().contains("1/2 · hold"));
        System.out.println(
            "screenshot: " + Browser.screenshot(d, "dashboard-running.png").toAbsolutePath());

        // The run list links to the run page, as the card's Ripple marks do.
        wait.until(x -> x.findElements(By.cssSelector("#runs tr a")).size() == 1);
        String href = d.findElement(By.cssSelector("#runs tr a")).getAttribute("href");
        assertTrue(href.matches(".*#/runs/slow/1/\\d{8}T\\d{6}\\.\\d{6}Z"), href);
        assertEquals(
            href.substring(href.indexOf('#')),
            d.findElement(By.cssSelector(card + "a.ripples")).getDomAttribute("href"));
        d.executeScript("window.notReloaded = true;");
        d.findElement(By.cssSelector("#runs tr a")).click();
        String rows = "#run-ripples tr[data-ripple='%s'][data-state='%s']";
        wait.until(
            x -> x.findElements(By.cssSelector(rows.formatted("hold", "running"))).size() == 1);
        wait.until(
            x -> x.findElements(By.cssSelector(rows.formatted("quick", "success"))).size() == 1);
        assertTrue(d.findElement(By.id("run-panel")).isDisplayed());
        assertTrue(
            !d.findElement(By.id("graph")).isDisplayed(), "the run page replaces the overview");
        List<String> quick =
            d.findElements(By.cssSelector(rows.formatted("quick", "success") + " td")).stream()
                .map(WebElement::getText)
                .toList();
        assertEquals(List.of("quick", "success", "1"), quick.subList(0, 3), quick.toString());
        assertEquals("1", quick.get(5), "rows");
        assertEquals("slow@1", d.findElement(By.id("run-title")).getText());
        System.out.println(
            "screenshot: " + Browser.screenshot(d, "dashboard-run.png").toAbsolutePath());

        // The run page follows the run to its end, through the long-poll, without a reload.
        Files.writeString(gate, "go");
        wait.until(
            x -> x.findElements(By.cssSelector(rows.formatted("hold", "success"))).size() == 1);
        wait.until(x -> x.findElement(By.id("run-outcome")).getText().contains("success"));
        assertEquals(Boolean.TRUE, d.executeScript("return window.notReloaded === true;"));
        assertEquals(
            Boolean.TRUE,
            d.executeScript(
                "return performance.getEntriesByType('resource')"
                    + ".some(e => e.name.includes('api/status?since='));"),
            "the page long-polls");
        d.findElement(By.id("run-back")).click();
        wait.until(x -> x.findElement(By.id("graph")).isDisplayed());
        wait.until(x -> x.findElements(By.cssSelector(card + ".rip")).isEmpty());
        List<LogEntry> severe =
            d.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertEquals(List.of(), severe, "no script errors or CSP violations");
      } finally {
        Files.writeString(gate, "go");
        d.quit();
      }
    }
  }

  private static Map<String, String> states(ChromeDriver d) {
    Map<String, String> out = new TreeMap<>();
    for (WebElement g : d.findElements(By.cssSelector("#graph .node"))) {
      out.put(g.getAttribute("data-line"), g.getAttribute("data-state"));
    }
    return out;
  }

  private static double x(ChromeDriver d, String line) {
    return d.findElement(By.cssSelector("#graph .node[data-line='" + line + "']")).getRect().getX();
  }
}
