package dev.duckstring.deploy;

import dev.duckstring.manifest.YankFile;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.PondVersion;

/**
 * A deploy refused because that version number is yanked (decision 45): the same content is told to
 * unyank, other content to bump the version, since the number was published.
 */
public final class YankedVersion extends DuckstringException {
  private static final long serialVersionUID = 1L;

  private final String pond;
  private final PondVersion version;
  private final String because;
  private final boolean sameContent;

  YankedVersion(String pond, PondVersion version, YankFile yank, boolean sameContent) {
    super(sentence(pond, version, yank.because(), sameContent, "CATCHMENT"));
    this.pond = pond;
    this.version = version;
    this.because = yank.because();
    this.sameContent = sameContent;
  }

  /** The refusal naming the catchment in its unyank command. */
  public String sentence(String catchment) {
    return sentence(pond, version, because, sameContent, catchment);
  }

  private static String sentence(
      String pond, PondVersion version, String because, boolean same, String catchment) {
    String head = pond + " " + version + " is yanked" + because;
    return same
        ? head
            + "; deploying it again does not run it: to run it again, 'duckstring unyank "
            + catchment
            + " "
            + pond
            + " "
            + version
            + "'"
        : head
            + " and this is other content under its number, which was published: bump"
            + " 'pond.version' in pond.toml";
  }
}
