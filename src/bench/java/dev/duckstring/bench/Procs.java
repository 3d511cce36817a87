package dev.duckstring.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a child process to completion and times it from start to exit. */
final class Procs {
  private Procs() {}

  /** What a finished process returned and how long it took. */
  record Result(int code, String output, double ms) {}

  static Result run(Path dir, Map<String, String> envVars, List<String> cmd)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(envVars);
    long t0 = System.nanoTime();
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + cmd);
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), ms);
  }

  static Result ok(Path dir, Map<String, String> envVars, List<String> cmd)
      throws IOException, InterruptedException {
    Result r = run(dir, envVars, cmd);
    if (r.code() != 0) {
      throw new IllegalStateException("exit " + r.code() + " from " + cmd + ":\n" + r.output());
    }
    return r;
  }

  static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Path.of(d, program).toFile().canExecute()) {
        return true;
      }
    }
    return false;
  }

  static double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }
}
