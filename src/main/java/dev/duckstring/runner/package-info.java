/**
 * Runs Ripples and queries: the only package that touches DuckDB (over JDBC) and external
 * processes. A SQL Ripple is one {@code COPY (query) TO parquet} on a connection and private
 * catalog of the runner's one in-memory DuckDB ({@code SharedDuck}), handed on, emptied, to the
 * next Ripple when it ends well (decision 63), its SQL parsed once per text ({@code SqlCache},
 * decision 53), with one {@code json_serialize_sql} statement whose AST {@link TableRefs} walks in
 * Java, ahead of the first run when the daemon calls {@link SqlRippleRunner#prepare} (decision 57);
 * a command Ripple is a child process. Either is stopped at its time limit (failing as {@link
 * RippleFailure#timedOut}) or by a {@link Cancellation}: the statement interrupted, the command's
 * whole process group terminated. {@link QueryService} answers read-only SQL over one published
 * generation, in-process or, for untrusted callers, in memory-limited worker processes ({@link
 * QueryWorkers}); a {@link QueryScope} adds the generations of pinned lines of the same Pond, which
 * {@link SqlPins} finds in the SQL ({@code outlet@1.daily}, decision 46). {@link SchemaProbe} reads
 * schemas without running anything (a published generation's tables, {@code DESCRIBE} of SQL
 * Ripples for {@code deploy --plan}); {@link TableSchemas} reads the columns of Ripple outputs for
 * the schema contract (decision 44). Imports {@code model}, {@code fs}, the JDK, {@code java.sql}
 * and {@code org.duckdb}. {@link DataTestRunner} runs a Pond's data tests (decision 48) with the
 * views a SQL Ripple sees, each check compiled by {@link DataTestQueries}. {@link RippleParents}
 * orders a Pond's Ripples for the daemon's graph and for {@link LocalRun} ({@code pond run} over a
 * project's puddles, which {@link Puddles} hydrates; decision 50). {@link SparkRippleRunner} runs a
 * Spark Ripple's driver ({@link SparkLibs}, built by 'make spark') as a child JVM in its own
 * process group, from a request file ({@code SparkRequest}); no Spark class is ever loaded here
 * (decision 56).
 */
package dev.duckstring.runner;
