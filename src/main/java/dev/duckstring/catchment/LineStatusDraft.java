package dev.duckstring.catchment;

import dev.duckstring.catchment.LineStatus.LastRun;
import dev.duckstring.catchment.LineStatus.Retries;
import dev.duckstring.model.LineState;
import java.time.Instant;
import java.util.List;

/**
 * A changeable copy of a {@link LineStatus}, for its {@code with} methods and {@link StatusJson}.
 */
final class LineStatusDraft {
  String line;
  String pond;
  int major;
  String version;
  List<String> versions;
  List<String> sources;
  LineState state;
  boolean hasPull;
  List<Instant> targets;
  Instant startF;
  Instant endF;
  Instant changedF;
  int runsInFlight;
  long runsCompleted;
  String trigger;
  String error;
  List<String> missingSources;
  List<String> blockedBy;
  LastRun lastRun;
  Instant updatedAt;
  String publishedVersion;
  boolean codePending;
  List<String> held;
  Retries retries;
  List<LineStatus.Receipt> received;
  String deprecated;
  List<String> yanked;
  ContractStatus contract;

  /** An empty draft, as gson fills a record: absent is null, 0 or false ({@link StatusJson}). */
  LineStatusDraft() {}

  LineStatusDraft(LineStatus s) {
    line = s.line();
    pond = s.pond();
    major = s.major();
    version = s.version();
    versions = s.versions();
    sources = s.sources();
    state = s.state();
    hasPull = s.hasPull();
    targets = s.targets();
    startF = s.startF();
    endF = s.endF();
    changedF = s.changedF();
    runsInFlight = s.runsInFlight();
    runsCompleted = s.runsCompleted();
    trigger = s.trigger();
    error = s.error();
    missingSources = s.missingSources();
    blockedBy = s.blockedBy();
    lastRun = s.lastRun();
    updatedAt = s.updatedAt();
    publishedVersion = s.publishedVersion();
    codePending = s.codePending();
    held = s.held();
    retries = s.retries();
    received = s.received();
    deprecated = s.deprecated();
    yanked = s.yanked();
    contract = s.contract();
  }

  LineStatus build() {
    return new LineStatus(
        line,
        pond,
        major,
        version,
        versions,
        sources,
        state,
        hasPull,
        targets,
        startF,
        endF,
        changedF,
        runsInFlight,
        runsCompleted,
        trigger,
        error,
        missingSources,
        blockedBy,
        lastRun,
        updatedAt,
        publishedVersion,
        codePending,
        held,
        retries,
        received,
        deprecated,
        yanked,
        contract);
  }
}
