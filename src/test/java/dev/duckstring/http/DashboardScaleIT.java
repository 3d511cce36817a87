package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineState;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard stays legible at 100 Ponds: every card drawn, none overlapping, text full size. */
class DashboardScaleIT {
  @TempDir Path tmp;

  @Test
  void aHundredPondsStayLegible() throws Exception {
    Browser.assumeInstalled();
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      List<String> names = deployHundred(c);
      c.cli("pulse", "dev", "out_00").ok();
      c.cli("pulse", "dev", "out_01").ok();
      ChromeDriver d = Browser.open(tmp.resolve("chrome"), 1600, 2600);
      try {
        d.get(c.httpUrl() + "/");
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(60));
        wait.until(x -> x.findElements(By.cssSelector("#graph .node")).size() == names.size());
        c.awaitStatus(
            "out_01@1", s -> s.state() == LineState.BLOCKED || s.state() == LineState.FAILED);
        c.awaitRuns("out_00@1", 1);
        wait.until(
            x -> x.findElements(By.cssSelector("#graph .node[data-state='failed']")).size() == 1);
        wait.until(
            x -> x.findElements(By.cssSelector("#graph .node[data-state='fresh']")).size() > 3);

        // Measured in one script, since the page redraws whenever a status changes.
        @SuppressWarnings("unchecked")
        List<List<Number>> boxes =
            (List<List<Number>>)
                d.executeScript(
                    "return [...document.querySelectorAll('#graph .node .card')].map(e => {"
                        + " const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; });");
        assertEquals(names.size(), boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
          for (int j = i + 1; j < boxes.size(); j++) {
            assertTrue(
                !overlap(boxes.get(i), boxes.get(j)), "cards " + i + " and " + j + " overlap");
          }
        }
        Object px =
            d.executeScript(
                "return parseFloat(getComputedStyle(document.querySelector('#graph .node .title')).fontSize);");
        assertTrue(((Number) px).doubleValue() >= 13, "title font " + px);
        assertEquals(
            Boolean.TRUE,
            d.executeScript(
                "const s = document.getElementById('graph');"
                    + "return s.getBoundingClientRect().width >= s.viewBox.baseVal.width - 1;"),
            "the graph is drawn at full size, never scaled down");
        System.out.println(
            "screenshot: " + Browser.screenshot(d, "dashboard-100.png").toAbsolutePath());
      } finally {
        d.quit();
      }
    }
  }

  private static boolean overlap(List<Number> a, List<Number> b) {
    double ax = a.get(0).doubleValue(),
        ay = a.get(1).doubleValue(),
        aw = a.get(2).doubleValue(),
        ah = a.get(3).doubleValue();
    double bx = b.get(0).doubleValue(),
        by = b.get(1).doubleValue(),
        bw = b.get(2).doubleValue(),
        bh = b.get(3).doubleValue();
    return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
  }

  /**
   * 12 Inlets, 4 layers of 19 Ponds each reading one or two Ponds of the layer before, 12 Outlets.
   */
  private static List<String> deployHundred(TestCatchment c) throws Exception {
    List<List<String>> layers = new ArrayList<>();
    layers.add(names("src", 12));
    for (int l = 1; l <= 4; l++) {
      layers.add(names("p" + l, 19));
    }
    layers.add(names("out", 12));
    List<String> all = new ArrayList<>();
    for (int l = 0; l < layers.size(); l++) {
      for (int i = 0; i < layers.get(l).size(); i++) {
        String name = layers.get(l).get(i);
        String type = l == 0 ? "inlet" : l == layers.size() - 1 ? "outlet" : "pond";
        StringBuilder toml =
            new StringBuilder(
                "[pond]\nname = \"" + name + "\"\nversion = \"1.0.0\"\ntype = \"" + type + "\"\n");
        String sql = "SELECT " + i + " AS x";
        if (l > 0) {
          List<String> before = layers.get(l - 1);
          String a = before.get(i % before.size());
          String b = before.get((i * 7 + 3) % before.size());
          toml.append("\n[sources]\n").append(a).append(" = \"1.0.0\"\n");
          if (!b.equals(a) && i % 3 != 0) {
            toml.append(b).append(" = \"1.0.0\"\n");
          }
          sql = "SELECT count(*) AS x FROM " + a + ".t";
        }
        if (name.equals("p2_01")) {
          sql = "SELECT error('disk on fire') AS x";
        }
        Path dir = c.cd("ponds100/" + name);
        Files.writeString(dir.resolve("pond.toml"), toml.toString());
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/t.sql"), sql);
        c.cli("deploy", "dev").ok();
        all.add(name);
      }
    }
    c.cd("work");
    return all;
  }

  private static List<String> names(String prefix, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(String.format("%s_%02d", prefix, i));
    }
    return out;
  }
}
