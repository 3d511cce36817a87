package dev.duckstring.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.URIish;

/**
 * A bare "remote" and a work tree whose origin it is, with tag v1 (pond 1.0.0, annotated) and tag
 * v2 (1.1.0, lightweight) pushed on branch main.
 */
final class GitFixture implements AutoCloseable {
  private static final PersonIdent WHO = new PersonIdent("Test", "test@example.com");

  final Path remote;
  final Path work;
  final Git git;
  final String v1;
  final String v2;

  GitFixture(Path dir) throws Exception {
    remote = dir.resolve("remote.git");
    work = dir.resolve("work");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
    git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call();
    git.remoteAdd().setName("origin").setUri(new URIish(remote.toString())).call();

    Projects.pond(work, "sales", "1.0.0");
    Projects.write(work.resolve("run.sh"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(
        work.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Projects.write(work.resolve(".gitignore"), "ponds/\n");
    v1 = commit("v1").name();
    git.tag()
        .setName("v1")
        .setAnnotated(true)
        .setMessage("first")
        .setTagger(WHO)
        .setSigned(false)
        .call();

    Projects.pond(work, "sales", "1.1.0");
    v2 = commit("v2").name();
    git.tag().setName("v2").setAnnotated(false).setSigned(false).call();
    push();
  }

  /** Commits every change in the work tree. */
  RevCommit commit(String message) throws Exception {
    git.add().addFilepattern(".").call();
    return git.commit()
        .setMessage(message)
        .setAuthor(WHO)
        .setCommitter(WHO)
        .setSign(false)
        .setAll(true)
        .call();
  }

  void push() throws Exception {
    git.push().setRemote("origin").add("main").setPushTags().call();
  }

  @Override
  public void close() {
    git.close();
  }
}
