package dev.culprit.git;

import dev.culprit.error.CulpritException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;

/** A repository read through JGit (never the git CLI): refs, ranges, changed paths, input ids. */
public final class GitRepo implements AutoCloseable {
  private final Repository repo;
  private final Path dir;
  private final Map<String, String> inputIds = new ConcurrentHashMap<>();

  private GitRepo(Repository repo, Path dir) {
    this.repo = repo;
    this.dir = dir;
  }

  public static GitRepo open(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs)) {
      throw CulpritException.environment(
          "repository folder not found: " + abs + "; pass --repo with a git repository");
    }
    java.io.File gitDir = RepositoryCache.FileKey.resolve(abs.toFile(), FS.DETECTED);
    if (gitDir == null) {
      throw CulpritException.environment(
          "not a git repository: " + abs + "; pass --repo with the folder that holds .git");
    }
    try {
      Repository r = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build();
      return new GitRepo(r, abs);
    } catch (IOException | IllegalArgumentException e) {
      throw CulpritException.environment(
          "cannot open git repository " + abs + ": " + e.getMessage(), e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** The URL of the {@code origin} remote, if the repository has one. */
  public java.util.Optional<String> originUrl() {
    return java.util.Optional.ofNullable(repo.getConfig().getString("remote", "origin", "url"));
  }

  public Path gitDir() {
    return repo.getDirectory().toPath();
  }

  /**
   * The object store that holds this repository's objects. Not always {@code gitDir()/objects}: a
   * linked worktree's git dir is {@code .git/worktrees/NAME}, and its objects live in the common
   * dir.
   */
  public Path objectsDir() {
    if (repo instanceof org.eclipse.jgit.internal.storage.file.FileRepository f) {
      return f.getObjectDatabase().getDirectory().toPath();
    }
    return gitDir().resolve("objects");
  }

  Repository repository() {
    return repo;
  }

  public CommitInfo resolve(String ref) {
    ObjectId id;
    try {
      id = repo.resolve(ref + "^{commit}");
    } catch (AmbiguousObjectException e) {
      throw CulpritException.usage(
          "revision '" + ref + "' is ambiguous in " + dir + "; use more characters of the sha");
    } catch (RevisionSyntaxException | IOException e) {
      id = null;
    }
    if (id == null) {
      String hint = suggestion(ref);
      throw CulpritException.usage(
          "unknown revision '"
              + ref
              + "' in "
              + dir
              + (hint == null
                  ? "; check the ref with 'git log'"
                  : "; did you mean '" + hint + "'?"));
    }
    try (RevWalk walk = new RevWalk(repo)) {
      return info(walk.parseCommit(id));
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot read commit " + ref + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  private String suggestion(String ref) {
    try {
      String best = null;
      int bestDistance = Integer.MAX_VALUE;
      for (Ref r : repo.getRefDatabase().getRefs()) {
        String name = Repository.shortenRefName(r.getName());
        int d = distance(ref, name);
        if (d < bestDistance) {
          bestDistance = d;
          best = name;
        }
      }
      return best != null && bestDistance <= Math.max(2, ref.length() / 3) ? best : null;
    } catch (IOException e) {
      return null;
    }
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  static CommitInfo info(RevCommit c) {
    List<String> parents = new ArrayList<>();
    for (RevCommit p : c.getParents()) {
      parents.add(p.getName());
    }
    var who = c.getAuthorIdent();
    return new CommitInfo(
        c.getName(),
        parents,
        c.getShortMessage(),
        who.getName(),
        who.getEmailAddress(),
        who.getWhenAsInstant());
  }

  public boolean isAncestor(String ancestor, String descendant) {
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.isMergedInto(
          walk.parseCommit(ObjectId.fromString(ancestor)),
          walk.parseCommit(ObjectId.fromString(descendant)));
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot walk history in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Commits reachable from bad and not from good, parents before children. */
  public List<CommitInfo> range(String good, String bad, boolean firstParent) {
    try (RevWalk walk = new RevWalk(repo)) {
      walk.setFirstParent(firstParent);
      walk.sort(RevSort.TOPO, true);
      walk.sort(RevSort.REVERSE, true);
      walk.markStart(walk.parseCommit(ObjectId.fromString(bad)));
      walk.markUninteresting(walk.parseCommit(ObjectId.fromString(good)));
      List<CommitInfo> out = new ArrayList<>();
      for (RevCommit c : walk) {
        CommitInfo ci = info(c);
        if (firstParent && ci.parents().size() > 1) {
          ci =
              new CommitInfo(
                  ci.sha(),
                  List.of(ci.parents().get(0)),
                  ci.subject(),
                  ci.authorName(),
                  ci.authorEmail(),
                  ci.authorTime());
        }
        out.add(ci);
      }
      return out;
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot walk history in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The newest commits reachable from {@code tip} (at most {@code maxCount}, or those authored at
   * or after {@code since}), parents before children.
   */
  public List<CommitInfo> history(String tip, int maxCount, Instant since, boolean firstParent) {
    try (RevWalk walk = new RevWalk(repo)) {
      walk.setFirstParent(firstParent);
      walk.sort(RevSort.TOPO, true);
      walk.markStart(walk.parseCommit(ObjectId.fromString(tip)));
      List<CommitInfo> out = new ArrayList<>();
      for (RevCommit c : walk) {
        if (maxCount > 0 && out.size() >= maxCount) {
          break;
        }
        CommitInfo ci = info(c);
        if (since != null && ci.authorTime().isBefore(since)) {
          continue;
        }
        out.add(ci);
      }
      java.util.Collections.reverse(out);
      return out;
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot walk history in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Paths this commit changed against its first parent (all paths for a root commit). */
  public List<String> changedPaths(String sha) {
    try (RevWalk walk = new RevWalk(repo);
        TreeWalk tw = new TreeWalk(repo)) {
      RevCommit c = walk.parseCommit(ObjectId.fromString(sha));
      tw.setRecursive(true);
      if (c.getParentCount() > 0) {
        tw.addTree(walk.parseCommit(c.getParent(0)).getTree());
      } else {
        tw.addTree(new org.eclipse.jgit.treewalk.EmptyTreeIterator());
      }
      tw.addTree(c.getTree());
      List<String> out = new ArrayList<>();
      for (DiffEntry d : DiffEntry.scan(tw)) {
        out.add(d.getChangeType() == DiffEntry.ChangeType.DELETE ? d.getOldPath() : d.getNewPath());
      }
      return out;
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot diff " + sha + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  public boolean pathExists(String sha, String path) {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(ObjectId.fromString(sha));
      try (TreeWalk tw = TreeWalk.forPath(repo, InputSpec.normalize(path), c.getTree())) {
        return tw != null;
      }
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The id of a commit's build inputs: a hash of (path, mode, blob id) of every selected file, with
   * the pinned paths' entries taken from the pin commit. Equal inputs give equal ids.
   */
  public String inputId(String sha, InputSpec spec) {
    return inputIds.computeIfAbsent(sha + "|" + spec, k -> computeInputId(sha, spec));
  }

  private String computeInputId(String sha, InputSpec spec) {
    MessageDigest md = sha1();
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(ObjectId.fromString(sha));
      if (spec.paths().isEmpty()) {
        hashTree(md, c, null, spec);
      } else {
        for (String p : spec.paths().stream().sorted().toList()) {
          hashTree(md, c, p, spec);
        }
      }
      if (spec.pin() != null) {
        RevCommit pin = walk.parseCommit(ObjectId.fromString(spec.pin().commitSha()));
        for (String p : spec.pin().paths().stream().map(InputSpec::normalize).sorted().toList()) {
          try (TreeWalk tw = TreeWalk.forPath(repo, p, pin.getTree())) {
            update(md, "pin " + p + " " + (tw == null ? "missing" : tw.getObjectId(0).getName()));
          }
        }
      }
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot read the tree of " + sha + " in " + dir + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private void hashTree(MessageDigest md, RevCommit c, String prefix, InputSpec spec)
      throws IOException {
    try (TreeWalk tw = new TreeWalk(repo)) {
      tw.addTree(c.getTree());
      tw.setRecursive(true);
      if (prefix != null) {
        tw.setFilter(org.eclipse.jgit.treewalk.filter.PathFilter.create(prefix));
      }
      while (tw.next()) {
        String path = tw.getPathString();
        if (spec.selects(path)) {
          update(md, path + " " + tw.getRawMode(0) + " " + tw.getObjectId(0).getName());
        }
      }
    }
  }

  private static void update(MessageDigest md, String line) {
    md.update((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Branch and tag names, for messages. */
  public List<String> refNames() {
    try {
      return repo.getRefDatabase().getRefs().stream()
          .map(r -> Repository.shortenRefName(r.getName()))
          .sorted(Comparator.naturalOrder())
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  public String headBranch() {
    try {
      return repo.getBranch();
    } catch (IOException e) {
      return Constants.HEAD;
    }
  }

  @Override
  public void close() {
    repo.close();
  }
}
