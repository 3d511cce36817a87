package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import joptsimple.OptionParser;
import org.junit.jupiter.api.Test;

/**
 * {@link HelpText} prints what jopt-simple's {@code printHelpOn} prints, for every command and for
 * the shapes no command uses yet (decision 59).
 */
class HelpTextTest {
  @Test
  void everyCommandsOptionTableIsJoptSimplesOwn() throws IOException {
    for (Command c : new Cli().all()) {
      OptionParser parser = ((BaseCommand) c).parser;
      assertEquals(jopt(parser), HelpText.of(parser), c.name());
    }
  }

  @Test
  void everyCommandsHelpTakesTheFastLineBreaks() {
    for (Command c : new Cli().all()) {
      for (String line : ((BaseCommand) c).help().split("\n")) {
        assertTrue(LineBreaks.emulated(line), c.name() + ": " + line);
      }
    }
  }

  @Test
  void requiredDefaultsOptionalArgumentsNonOptionsAndLongWordsAreAsJoptSimplePrintsThem()
      throws IOException {
    OptionParser p = new OptionParser();
    p.acceptsAll(List.of("h", "help", "?"), "show this help").forHelp();
    p.accepts("name", "the name").withRequiredArg().required().describedAs("NAME");
    p.accepts("count", "how many, and a description long enough to wrap twice over the column")
        .withRequiredArg()
        .ofType(Integer.class)
        .defaultsTo(20, 30);
    p.accepts("level").withOptionalArg().defaultsTo("info");
    p.accepts("x", "").withOptionalArg().describedAs("a-very-long-argument-description-of-forty");
    p.accepts(
        "path",
        "a word longer than the column: /a/very/long/path/that/cannot/be/broken/anywhere/at/all"
            + "/at/all/at/all ok; and (e.g.) 'quoted' \"text\", 1.2.0-rc.1, -1h, $HOME's, ()");
    p.nonOptions("CATCHMENT and POND: the line to act on").describedAs("WORDS");
    assertEquals(jopt(p), HelpText.of(p));

    OptionParser bare = new OptionParser();
    assertEquals(jopt(bare), HelpText.of(bare));
  }

  private static String jopt(OptionParser parser) throws IOException {
    StringWriter w = new StringWriter();
    parser.printHelpOn(w);
    return w.toString();
  }
}
