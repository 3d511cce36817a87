package dev.duckstring.catchment;

import java.util.List;

/**
 * The schema contract of a line as status shows it (decision 44): its file relative to the root,
 * how many tables and columns it holds (0 before the first run of the major publishes), what the
 * last refused run would have broken ({@code refused}, one {@code daily.amount: dropped} line per
 * change; empty when the newest publish kept the contract) and, when the file is not a contract,
 * why ({@code error}, naming the file).
 */
public record ContractStatus(
    String file, int tables, int columns, List<String> refused, String error) {
  public ContractStatus {
    refused = refused == null ? List.of() : List.copyOf(refused);
  }

  /** The status of {@code contract} in {@code file}; nothing refused. */
  public static ContractStatus of(String file, SchemaContract contract) {
    return new ContractStatus(
        file, contract.tables().size(), contract.columnCount(), List.of(), null);
  }

  /** A contract file that is not a contract: {@code error} names it. */
  public static ContractStatus garbled(String file, String error) {
    return new ContractStatus(file, 0, 0, List.of(), error);
  }

  /** This status, after a run refused for {@code changes}. */
  public ContractStatus withRefused(List<String> changes) {
    return new ContractStatus(file, tables, columns, changes, error);
  }

  /** One line: {@code 2 tables, 9 columns}, with what was refused or the error. */
  public String text() {
    if (error != null) {
      return "unreadable: " + error;
    }
    String s = tables == 0 ? "not captured yet" : tables + " tables, " + columns + " columns";
    return refused.isEmpty() ? s : s + "; refused: " + String.join("; ", refused);
  }
}
