package dev.duckstring.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds fully qualified class names written inline in Java code (not in comments, strings, package
 * or import lines) and, with {@code --fix}, replaces each by an import and the simple name.
 *
 * <p>Uses only the JDK, so it also runs as a source file: {@code java
 * src/test/java/dev/duckstring/testing/QualifiedNames.java --fix src}. A name is left as it is (and
 * still reported) where the simple name would clash: with another import, a type of the file, a
 * class of the same package or of {@code java.lang}.
 */
public final class QualifiedNames {
  private static final Pattern QUALIFIED =
      Pattern.compile(
          "(?<![\\w.])((?:dev|java|javax|jdk|org|com|net|fi)(?:\\.[a-z_][a-z0-9_]*)+)\\.([A-Z]\\w*)");
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern IMPORT =
      Pattern.compile("^import (static )?([\\w.]+)(\\.\\*)?;", Pattern.MULTILINE);
  private static final Pattern HEADER_LINE =
      Pattern.compile("^\\s*(package|import)\\b[^;]*;", Pattern.MULTILINE);

  private QualifiedNames() {}

  /** One inline qualified name: where it is and what it names. */
  public record Use(int line, String pkg, String simple) {
    public String name() {
      return pkg + "." + simple;
    }
  }

  /** The inline qualified names of {@code source}, in order. */
  public static List<Use> find(String source) {
    String code = codeOnly(source);
    List<Use> out = new ArrayList<>();
    Matcher m = QUALIFIED.matcher(code);
    while (m.find()) {
      out.add(new Use(lineOf(code, m.start()), m.group(1), m.group(2)));
    }
    return out;
  }

  /**
   * {@code source} with each inline qualified name replaced by its simple name and an import,
   * except where that would clash; {@code sameFolder} are the class names of the file's package.
   */
  public static String fix(String source, Set<String> sameFolder) {
    String code = codeOnly(source);
    Matcher pm = PACKAGE.matcher(code);
    String own = pm.find() ? pm.group(1) : "";
    Map<String, String> imported = new LinkedHashMap<>();
    Matcher im = IMPORT.matcher(source);
    while (im.find()) {
      if (im.group(1) == null && im.group(3) == null) {
        String name = im.group(2);
        imported.put(name.substring(name.lastIndexOf('.') + 1), name);
      }
    }
    Map<String, Set<String>> bySimple = new LinkedHashMap<>();
    for (Use u : find(source)) {
      bySimple.computeIfAbsent(u.simple(), k -> new TreeSet<>()).add(u.name());
    }
    Set<String> fixable = new TreeSet<>();
    Set<String> newImports = new TreeSet<>();
    for (var e : bySimple.entrySet()) {
      String simple = e.getKey();
      if (e.getValue().size() != 1) {
        continue;
      }
      String name = e.getValue().iterator().next();
      String pkg = name.substring(0, name.lastIndexOf('.'));
      boolean implicit = pkg.equals(own) || pkg.equals("java.lang");
      boolean clash =
          imported.containsKey(simple) && !imported.get(simple).equals(name)
              || Pattern.compile("\\b(class|interface|record|enum)\\s+" + simple + "\\b")
                  .matcher(code)
                  .find()
              || !implicit && (sameFolder.contains(simple) || inJavaLang(simple));
      if (clash) {
        continue;
      }
      fixable.add(name);
      if (!implicit && !imported.containsKey(simple)) {
        newImports.add(name);
      }
    }
    StringBuilder out = new StringBuilder();
    Matcher m = QUALIFIED.matcher(code);
    int at = 0;
    while (m.find()) {
      String name = m.group(1) + "." + m.group(2);
      if (fixable.contains(name)) {
        out.append(source, at, m.start()).append(m.group(2));
        at = m.end();
      }
    }
    out.append(source.substring(at));
    return addImports(out.toString(), newImports);
  }

  /** {@code source} with the new imports among its other non-static imports, sorted. */
  private static String addImports(String source, Set<String> names) {
    if (names.isEmpty()) {
      return source;
    }
    List<String> lines = new ArrayList<>(List.of(source.split("\n", -1)));
    int first = -1;
    int last = -1;
    int anchor = 0;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("import ") && !l.startsWith("import static ")) {
        first = first < 0 ? i : first;
        last = i;
      } else if (l.startsWith("package ") || l.startsWith("import static ")) {
        anchor = i;
      }
    }
    Set<String> block = new TreeSet<>();
    names.forEach(n -> block.add("import " + n + ";"));
    if (first < 0) {
      List<String> add = new ArrayList<>(List.of(""));
      add.addAll(block);
      lines.addAll(anchor + 1, add);
    } else {
      block.addAll(lines.subList(first, last + 1));
      lines.subList(first, last + 1).clear();
      lines.addAll(first, block);
    }
    return String.join("\n", lines);
  }

  private static boolean inJavaLang(String simple) {
    try {
      Class.forName("java.lang." + simple, false, QualifiedNames.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * {@code source} with comments, string and character literals, package and import lines blanked
   * out (each character but a line break becomes a space), so offsets and lines stay the same.
   */
  static String codeOnly(String source) {
    char[] c = source.toCharArray();
    int i = 0;
    while (i < c.length) {
      if (c[i] == '/' && i + 1 < c.length && c[i + 1] == '/') {
        while (i < c.length && c[i] != '\n') {
          c[i++] = ' ';
        }
      } else if (c[i] == '/' && i + 1 < c.length && c[i + 1] == '*') {
        int end = source.indexOf("*/", i + 2);
        end = end < 0 ? c.length : end + 2;
        blank(c, i, end);
        i = end;
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        while (end > 0 && source.charAt(end - 1) == '\\') {
          end = source.indexOf("\"\"\"", end + 1);
        }
        end = end < 0 ? c.length : end + 3;
        blank(c, i, end);
        i = end;
      } else if (c[i] == '"' || c[i] == '\'') {
        char quote = c[i];
        int j = i + 1;
        while (j < c.length && c[j] != quote && c[j] != '\n') {
          j += c[j] == '\\' ? 2 : 1;
        }
        int end = Math.min(j + 1, c.length);
        blank(c, i, end);
        i = end;
      } else {
        i++;
      }
    }
    String code = new String(c);
    Matcher m = HEADER_LINE.matcher(code);
    StringBuilder out = new StringBuilder(code);
    while (m.find()) {
      if (m.group(1).equals("import")) {
        for (int k = m.start(); k < m.end(); k++) {
          if (out.charAt(k) != '\n') {
            out.setCharAt(k, ' ');
          }
        }
      }
    }
    return out.toString();
  }

  private static void blank(char[] c, int from, int to) {
    for (int k = from; k < to; k++) {
      if (c[k] != '\n') {
        c[k] = ' ';
      }
    }
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int k = 0; k < offset; k++) {
      if (text.charAt(k) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** Every inline qualified name in the Java files under {@code dirs}, as "file:line: name". */
  public static List<String> scan(List<Path> dirs, boolean fix) throws IOException {
    List<String> out = new ArrayList<>();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<Path> files;
      try (Stream<Path> s = Files.walk(dir)) {
        files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      }
      for (Path f : files) {
        String text = Files.readString(f);
        if (fix) {
          String fixed = fix(text, classesBeside(f));
          if (!fixed.equals(text)) {
            Files.writeString(f, fixed);
            text = fixed;
          }
        }
        for (Use u : find(text)) {
          out.add(f + ":" + u.line() + ": " + u.name());
        }
      }
    }
    return out;
  }

  private static Set<String> classesBeside(Path file) throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> s = Files.list(file.getParent())) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".java") && !n.equals(file.getFileName().toString()))
          .forEach(n -> names.add(n.substring(0, n.length() - ".java".length())));
    }
    return names;
  }

  /** {@code [--fix] DIR...}: prints what is left (exit 1 if anything is). */
  public static void main(String[] args) throws IOException {
    List<String> list = new ArrayList<>(List.of(args));
    boolean fix = list.remove("--fix");
    List<Path> dirs = list.stream().map(Path::of).toList();
    List<String> left = scan(dirs.isEmpty() ? List.of(Path.of("src")) : dirs, fix);
    PrintStream out = System.out;
    left.forEach(out::println);
    System.exit(left.isEmpty() ? 0 : 1);
  }
}
