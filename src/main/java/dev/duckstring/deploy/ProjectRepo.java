package dev.duckstring.deploy;

import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.URIish;

/** The git work tree a {@code --git} deploy starts from: checks it and finds its remote's URL. */
final class ProjectRepo {
  private ProjectRepo() {}

  /**
   * The URL of {@code project}'s remote: {@code origin}, else the only remote. The project must be
   * the top of a git work tree; a relative local URL is made absolute against it.
   */
  static String remoteUrl(Path project) {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(project.toFile());
    if (builder.getGitDir() == null) {
      throw new DuckstringException(
          project
              + " is not a git work tree; deploy it without --git, or commit and push it first");
    }
    try (Repository repo = builder.setMustExist(true).build()) {
      if (repo.isBare() || !repo.getWorkTree().toPath().toRealPath().equals(project.toRealPath())) {
        throw new DuckstringException(
            project
                + " is inside the git work tree "
                + (repo.isBare() ? repo.getDirectory() : repo.getWorkTree())
                + " but not at its top; --git deploys need pond.toml at the repository root");
      }
      Set<String> remotes = repo.getConfig().getSubsections("remote");
      String name;
      if (remotes.contains("origin")) {
        name = "origin";
      } else if (remotes.size() == 1) {
        name = remotes.iterator().next();
      } else if (remotes.isEmpty()) {
        throw new DuckstringException(
            project + " has no git remote; add one with 'git remote add origin URL' and push");
      } else {
        throw new DuckstringException(
            project
                + " has several git remotes "
                + remotes
                + " and none is called 'origin'; rename the one to deploy from to 'origin'");
      }
      String url = repo.getConfig().getString("remote", name, "url");
      if (url == null || url.isBlank()) {
        throw new DuckstringException("git remote '" + name + "' of " + project + " has no url");
      }
      return absolute(project, url);
    } catch (IOException e) {
      throw new DuckstringException(
          "cannot open the git repository at " + project + ": " + TreeFiles.describe(e), e);
    }
  }

  /** A local path URL relative to the project becomes absolute; other URLs stay as written. */
  static String absolute(Path project, String url) {
    try {
      URIish uri = new URIish(url);
      if (uri.getScheme() == null && uri.getHost() == null && !Path.of(url).isAbsolute()) {
        return project.resolve(url).normalize().toString();
      }
    } catch (URISyntaxException | InvalidPathException e) {
      // Leave it as written; fetching reports what is wrong with it.
    }
    return url;
  }
}
