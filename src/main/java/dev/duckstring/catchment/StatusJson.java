package dev.duckstring.catchment;

import dev.duckstring.catchment.LineStatus.LastRun;
import dev.duckstring.catchment.LineStatus.Receipt;
import dev.duckstring.catchment.LineStatus.Retries;
import dev.duckstring.fs.JsonScan;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a status.json as {@link StatusWriter} writes it, field by field with {@link JsonScan}
 * instead of gson's reflection (decision 59: ~300 classes, annotation proxies and generated
 * accessors at every {@code status}). It answers null for anything else (an unknown or repeated
 * field, a failing data test's details, a value of another type, a syntax error), and {@link
 * StatusStore} then reads the text with {@code Json}, whose record and errors are the reference;
 * {@code StatusJsonTest} checks that both read the same record.
 */
final class StatusJson {
  private StatusJson() {}

  /** The record in {@code text}, or null when it is not in the shape this reader knows. */
  static LineStatus read(String text) {
    try {
      JsonScan j = new JsonScan(text);
      LineStatus s = status(j);
      j.end();
      return s;
    } catch (RuntimeException e) { // JsonScan.Unexpected, or a record that refuses a value
      return null; // Json reads it and says what is wrong, if anything
    }
  }

  private static LineStatus status(JsonScan j) {
    if (!j.object()) {
      throw new JsonScan.Unexpected();
    }
    LineStatusDraft d = new LineStatusDraft();
    for (String f = j.field(); f != null; f = j.field()) {
      switch (f) {
        case "line" -> d.line = j.string();
        case "pond" -> d.pond = j.string();
        case "major" -> d.major = j.integer();
        case "version" -> d.version = j.string();
        case "versions" -> d.versions = j.strings();
        case "sources" -> d.sources = j.strings();
        case "state" -> d.state = state(j.string());
        case "hasPull" -> d.hasPull = j.bool();
        case "targets" -> d.targets = instants(j);
        case "startF" -> d.startF = j.instant();
        case "endF" -> d.endF = j.instant();
        case "changedF" -> d.changedF = j.instant();
        case "runsInFlight" -> d.runsInFlight = j.integer();
        case "runsCompleted" -> d.runsCompleted = j.longInteger();
        case "trigger" -> d.trigger = j.string();
        case "error" -> d.error = j.string();
        case "missingSources" -> d.missingSources = j.strings();
        case "blockedBy" -> d.blockedBy = j.strings();
        case "lastRun" -> d.lastRun = lastRun(j);
        case "updatedAt" -> d.updatedAt = j.instant();
        case "publishedVersion" -> d.publishedVersion = j.string();
        case "codePending" -> d.codePending = j.bool();
        case "held" -> d.held = j.strings();
        case "retries" -> d.retries = retries(j);
        case "received" -> d.received = receipts(j);
        case "deprecated" -> d.deprecated = j.string();
        case "yanked" -> d.yanked = j.strings();
        case "contract" -> d.contract = contract(j);
        default -> throw new JsonScan.Unexpected(); // a field this reader does not know
      }
    }
    return d.build();
  }

  private static LineState state(String word) {
    return word == null ? null : LineState.of(word);
  }

  private static List<Instant> instants(JsonScan j) {
    if (!j.array()) {
      return null;
    }
    List<Instant> out = new ArrayList<>();
    while (j.more()) {
      out.add(JsonScan.nonNull(j.instant()));
    }
    return out;
  }

  private static LastRun lastRun(JsonScan j) {
    if (!j.object()) {
      return null;
    }
    String id = null;
    RunOutcome outcome = null;
    Instant started = null;
    Instant ended = null;
    TestSummary tests = null;
    for (String f = j.field(); f != null; f = j.field()) {
      switch (f) {
        case "id" -> id = j.string();
        case "outcome" -> {
          String w = j.string();
          outcome = w == null ? null : RunOutcome.of(w);
        }
        case "started" -> started = j.instant();
        case "ended" -> ended = j.instant();
        case "tests" -> tests = tests(j);
        default -> throw new JsonScan.Unexpected();
      }
    }
    return new LastRun(id, outcome, started, ended, tests);
  }

  /** A summary whose tests all passed; failing tests' details are left to gson. */
  private static TestSummary tests(JsonScan j) {
    if (!j.object()) {
      return null;
    }
    int total = 0;
    boolean failing = false;
    for (String f = j.field(); f != null; f = j.field()) {
      switch (f) {
        case "total" -> total = j.integer();
        case "failing" -> {
          if (!j.array() || j.more()) {
            throw new JsonScan.Unexpected(); // null (gson refuses it) or a failing test
          }
          failing = true;
        }
        default -> throw new JsonScan.Unexpected();
      }
    }
    if (!failing) {
      throw new JsonScan.Unexpected(); // absent: the record refuses a null list
    }
    return new TestSummary(total, List.of());
  }

  private static Retries retries(JsonScan j) {
    if (!j.object()) {
      return null;
    }
    int immediate = 0;
    int immediateLeft = 0;
    int onChange = 0;
    int onChangeLeft = 0;
    String override = null;
    for (String f = j.field(); f != null; f = j.field()) {
      switch (f) {
        case "immediate" -> immediate = j.integer();
        case "immediateLeft" -> immediateLeft = j.integer();
        case "onChange" -> onChange = j.integer();
        case "onChangeLeft" -> onChangeLeft = j.integer();
        case "override" -> override = j.string();
        default -> throw new JsonScan.Unexpected();
      }
    }
    return new Retries(immediate, immediateLeft, onChange, onChangeLeft, override);
  }

  private static List<Receipt> receipts(JsonScan j) {
    if (!j.array()) {
      return null;
    }
    List<Receipt> out = new ArrayList<>();
    while (j.more()) {
      if (!j.object()) {
        throw new JsonScan.Unexpected();
      }
      String file = null;
      String kind = null;
      Instant at = null;
      String run = null;
      String outcome = null;
      for (String f = j.field(); f != null; f = j.field()) {
        switch (f) {
          case "file" -> file = j.string();
          case "kind" -> kind = j.string();
          case "at" -> at = j.instant();
          case "run" -> run = j.string();
          case "outcome" -> outcome = j.string();
          default -> throw new JsonScan.Unexpected();
        }
      }
      out.add(new Receipt(file, kind, at, run, outcome));
    }
    return out;
  }

  private static ContractStatus contract(JsonScan j) {
    if (!j.object()) {
      return null;
    }
    String file = null;
    int tables = 0;
    int columns = 0;
    List<String> refused = null;
    String error = null;
    for (String f = j.field(); f != null; f = j.field()) {
      switch (f) {
        case "file" -> file = j.string();
        case "tables" -> tables = j.integer();
        case "columns" -> columns = j.integer();
        case "refused" -> refused = j.strings();
        case "error" -> error = j.string();
        default -> throw new JsonScan.Unexpected();
      }
    }
    return new ContractStatus(file, tables, columns, refused, error);
  }
}
