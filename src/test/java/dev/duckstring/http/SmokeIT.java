package dev.duckstring.http;

import dev.duckstring.testing.TestCatchment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeIT {
  @TempDir Path tmp;

  @Test
  void smoke() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deployDemos();
      c.cli("pulse", "dev", "outlet").ok();
      c.awaitRuns("outlet@1", 1);
      Http h = new Http(c.httpPort());
      for (String p : new String[] {"/health", "/api/status", "/api/ponds/outlet", "/api/runs?limit=2", "/metrics",
          "/api/query?pond=outlet&sql=" + Http.enc("SELECT * FROM daily LIMIT 2") + "&types=true",
          "/api/query?pond=outlet&sql=" + Http.enc("SELEC 1"),
          "/api/query?pond=nope&sql=1", "/api/ponds/outlet/ripples/report/report.md"}) {
        Http.Answer a = h.get(p);
        System.out.println("==== " + p + " -> " + a.status() + " " + a.headers());
        System.out.println(a.body().length() > 6000 ? a.body().substring(0, 6000) : a.body());
      }
      Http.Answer z = h.get("/api/ponds/outlet/ripples/daily");
      System.out.println("zip " + z.status() + " " + z.bytes().length + " " + z.headers());
      System.out.println("raw " + h.raw("GET", "/api/ponds/outlet/ripples/daily/%zz").status());
      System.out.println("raw " + h.raw("FOO", "/").status());
    }
  }
}
