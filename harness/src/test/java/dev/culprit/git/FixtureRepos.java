package dev.culprit.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Real git repositories for tests, written with JGit with a fixed identity and a clock that ticks
 * one minute per commit, so commit ids are the same on every run.
 */
public final class FixtureRepos implements AutoCloseable {
  private static final Instant EPOCH = Instant.parse("2026-01-05T09:00:00Z");
  private final Git git;
  private final Path dir;
  private int tick;

  private FixtureRepos(Git git, Path dir) {
    this.git = git;
    this.dir = dir;
  }

  public static FixtureRepos create(Path dir) throws GitAPIException {
    Git g = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    return new FixtureRepos(g, dir);
  }

  public Path dir() {
    return dir;
  }

  public Git git() {
    return git;
  }

  private PersonIdent ident() {
    return new PersonIdent(
        "Fixture Author",
        "fixture@example.com",
        EPOCH.plusSeconds(60L * tick++),
        TimeZone.getTimeZone("UTC").toZoneId());
  }

  /** Writes (or, with a null value, deletes) files and commits them. Returns the commit id. */
  public String commit(String message, Map<String, String> files)
      throws IOException, GitAPIException {
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path f = dir.resolve(e.getKey());
      if (e.getValue() == null) {
        Files.deleteIfExists(f);
        git.rm().addFilepattern(e.getKey()).call();
      } else {
        Files.createDirectories(f.getParent());
        Files.writeString(f, e.getValue());
        git.add().addFilepattern(e.getKey()).call();
      }
    }
    PersonIdent who = ident();
    RevCommit c =
        git.commit()
            .setMessage(message)
            .setAuthor(who)
            .setCommitter(who)
            .setAllowEmpty(true)
            .call();
    return c.getName();
  }

  public void checkoutNewBranch(String name, String from) throws GitAPIException {
    git.checkout().setCreateBranch(true).setName(name).setStartPoint(from).call();
  }

  public void checkout(String name) throws GitAPIException {
    git.checkout().setName(name).call();
  }

  /** Merges a branch into the current one with a merge commit (no fast-forward). */
  public String merge(String branch, String message) throws IOException, GitAPIException {
    ObjectId id = git.getRepository().resolve(branch);
    var result =
        git.merge()
            .include(id)
            .setCommit(false)
            .setFastForward(org.eclipse.jgit.api.MergeCommand.FastForwardMode.NO_FF)
            .call();
    if (!result.getMergeStatus().isSuccessful()) {
      throw new IllegalStateException("fixture merge failed: " + result.getMergeStatus());
    }
    PersonIdent who = ident();
    return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call().getName();
  }

  /** A linear history of n commits changing src/Code.java each time; returns ids oldest first. */
  public List<String> linear(int n) throws IOException, GitAPIException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(
          commit("change " + i, Map.of("src/Code.java", "class Code { int v = " + i + "; }\n")));
    }
    return ids;
  }

  @Override
  public void close() {
    git.close();
  }
}
