package dev.duckstring.fs;

import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading a file whole, with one-line errors that name it. */
public final class FileReads {
  private FileReads() {}

  /**
   * The bytes of {@code file}; {@code <file>: error: file not found} or {@code <file>: error:
   * cannot read: <why>} otherwise.
   */
  public static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DuckstringException(file + ": error: file not found");
    } catch (IOException e) {
      throw new DuckstringException(file + ": error: cannot read: " + e.getMessage(), e);
    }
  }
}
