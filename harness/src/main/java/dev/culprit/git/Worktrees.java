package dev.culprit.git;

import dev.culprit.error.CulpritException;
import dev.culprit.exec.Containment;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * Reused work directories ("slots") that read the repository's object store (as an alternate of a
 * side store under {@code root}, where culprit's own tree objects go), each with its own index kept
 * outside the work tree. Switching a slot to another commit rewrites only the files that differ, so
 * unchanged files keep their mtimes and Maven rebuilds less; untracked build output survives. With
 * a pin, the target is the commit's tree with the pinned paths replaced by the pin's, and the slot
 * remembers the tree it holds, so the next switch is a plain two-tree checkout. A file lock keeps
 * two culprit processes out of one slot. A slot whose switch was interrupted (the process killed)
 * is emptied and checked out afresh.
 */
public final class Worktrees implements AutoCloseable {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Worktrees.class);
  private static final String OWNER = "owner";
  private final Path gitDir;
  private final Path objectsDir;
  private final Path root;
  private final Map<String, Slot> slots = new HashMap<>();
  private final java.util.Set<String> warnings = new java.util.HashSet<>();

  private record Slot(Repository repo, FileChannel lockChannel, FileLock lock, Path dir) {}

  /** Slots for {@code repo}, under {@code root}. */
  public Worktrees(GitRepo repo, Path root) {
    this.gitDir = repo.gitDir();
    this.objectsDir = repo.objectsDir();
    this.root = root;
  }

  /**
   * Makes the slot's directory hold exactly {@code sha}'s tree with the pin overlaid, keeping build
   * output.
   */
  public synchronized Path checkout(String sha, InputSpec.Pin pin, String slotName) {
    return checkout(sha, pin, slotName, false);
  }

  /**
   * Makes the slot's directory hold exactly {@code sha}'s tree with the pin overlaid, verified file
   * by file (a build that edited a tracked file is undone). Untracked files (build output) are kept
   * for incremental builds unless {@code clean}, or unless the switch removed a tracked file: build
   * tools keep what they made from a deleted input (Maven never deletes the copy of a removed
   * resource).
   */
  public synchronized Path checkout(String sha, InputSpec.Pin pin, String slotName, boolean clean) {
    Slot slot = slot(slotName);
    Path headFile = slot.dir().getParent().resolve("HEAD-TREE");
    try (RevWalk walk = new RevWalk(slot.repo())) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
      ObjectId target =
          pin == null
              ? commit.getTree()
              : overlaidTree(
                  slot.repo(), commit, walk.parseCommit(ObjectId.fromString(pin.commitSha())), pin);
      // Only this process holds the slot's lock, so an index.lock is a killed process's leftover.
      Files.deleteIfExists(slot.dir().getParent().resolve("index.lock"));
      ObjectId head = headTree(headFile);
      // Undo what the last build did to tracked files first, so that the switch has no conflicts.
      if (head != null && !SlotCheck.restore(slot.repo(), false, warnings)) {
        head = null;
      }
      if (head == null) {
        // A new slot, or a process was killed while switching this one: start from an empty slot
        // (the build output goes too; one full build is the price of not trusting a half-done
        // switch).
        reset(slot, headFile);
      }
      // No HEAD-TREE while switching: a kill from here on leaves a slot the next run resets.
      Files.deleteIfExists(headFile);
      DirCache dc = slot.repo().lockDirCache();
      DirCacheCheckout co =
          head == null
              ? new DirCacheCheckout(slot.repo(), dc, target)
              : new DirCacheCheckout(slot.repo(), head, dc, target);
      co.setFailOnConflict(false);
      co.checkout();
      boolean removed = !co.getRemoved().isEmpty();
      if (!co.getConflicts().isEmpty()) {
        // e.g. an untracked build output where the new commit has a tracked file: start from an
        // empty slot
        log.debug(
            "{}: {} conflicting file(s) in the slot, e.g. {}; resetting it",
            sha,
            co.getConflicts().size(),
            co.getConflicts().get(0));
        reset(slot, headFile);
        new DirCacheCheckout(slot.repo(), slot.repo().lockDirCache(), target).checkout();
      }
      if (removed && !clean) {
        log.debug(
            "{}: tracked files were removed since the last build in this slot; removing its build output",
            sha);
      }
      if (!SlotCheck.restore(slot.repo(), clean || removed, warnings)) {
        throw CulpritException.environment(
            "the index of "
                + slot.dir()
                + " has conflicts after switching to "
                + sha
                + "; delete "
                + slot.dir().getParent()
                + " and run again");
      }
      dev.culprit.store.AtomicFiles.write(headFile, target.getName() + "\n");
      return slot.dir();
    } catch (IOException | IllegalArgumentException e) {
      throw CulpritException.environment(
          "cannot check out " + sha + " into " + slot.dir() + ": " + e.getMessage(), e);
    }
  }

  /** The tree the slot holds, or null when it is unknown (a new slot, or an interrupted switch). */
  private static ObjectId headTree(Path headFile) throws IOException {
    if (!Files.isRegularFile(headFile)) {
      return null;
    }
    String text = Files.readString(headFile).trim();
    return ObjectId.isId(text) ? ObjectId.fromString(text) : null;
  }

  private static void reset(Slot slot, Path headFile) throws IOException {
    Path base = slot.dir().getParent();
    if (Files.isDirectory(slot.dir())) {
      try (java.util.stream.Stream<Path> s = Files.walk(slot.dir())) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          if (!p.equals(slot.dir())) {
            Files.delete(p);
          }
        }
      }
    }
    Files.createDirectories(slot.dir());
    Files.deleteIfExists(base.resolve("index"));
    Files.deleteIfExists(base.resolve("index.lock"));
    Files.deleteIfExists(headFile);
  }

  /**
   * The commit's tree with the pinned paths taken from the pin commit, written as a tree object so
   * that DirCacheCheckout can switch to it like to any commit. {@code r} is a slot's repository,
   * whose object directory is culprit's side store: the measured repository is never written to.
   */
  static ObjectId overlaidTree(
      Repository r, RevCommit commit, RevCommit pinCommit, InputSpec.Pin pin) throws IOException {
    List<String> prefixes = pin.paths().stream().map(InputSpec::normalize).toList();
    DirCache dc = DirCache.newInCore();
    DirCacheBuilder b = dc.builder();
    try (TreeWalk tw = new TreeWalk(r)) {
      tw.addTree(commit.getTree());
      tw.setRecursive(true);
      while (tw.next()) {
        String path = tw.getPathString();
        if (prefixes.stream().noneMatch(p -> InputSpec.under(path, p))) {
          b.add(entry(path, tw.getFileMode(0), tw.getObjectId(0)));
        }
      }
    }
    try (TreeWalk tw = new TreeWalk(r)) {
      tw.addTree(pinCommit.getTree());
      tw.setRecursive(true);
      tw.setFilter(PathFilterGroup.createFromStrings(prefixes));
      while (tw.next()) {
        b.add(entry(tw.getPathString(), tw.getFileMode(0), tw.getObjectId(0)));
      }
    }
    b.finish();
    try (ObjectInserter ins = r.newObjectInserter()) {
      ObjectId id = dc.writeTree(ins);
      ins.flush();
      return id;
    }
  }

  private static DirCacheEntry entry(String path, FileMode mode, ObjectId id) {
    DirCacheEntry e = new DirCacheEntry(path);
    e.setFileMode(mode);
    e.setObjectId(id);
    return e;
  }

  private Slot slot(String name) {
    Slot s = slots.get(name);
    if (s != null) {
      return s;
    }
    Path base = root.resolve(name);
    Path dir = base.resolve("tree");
    try {
      Files.createDirectories(dir);
      FileChannel ch =
          FileChannel.open(
              base.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = ch.tryLock();
      if (lock == null) {
        ch.close();
        throw CulpritException.environment(
            "worktree "
                + dir
                + " is in use by another culprit process; wait for it, or pass another --results folder");
      }
      // Objects culprit writes (the overlaid trees) go to a side store under the results folder;
      // the
      // repository's own objects are read through it as an alternate, and never written to.
      Path sideObjects = root.resolve("objects");
      Files.createDirectories(sideObjects);
      Repository repo =
          new FileRepositoryBuilder()
              .setGitDir(gitDir.toFile())
              .setObjectDirectory(sideObjects.toFile())
              .addAlternateObjectDirectory(objectsDir.toFile())
              .setWorkTree(dir.toFile())
              .setIndexFile(base.resolve("index").toFile())
              .setMustExist(true)
              .build();
      recoverFromKilledOwner(base);
      s = new Slot(repo, ch, lock, dir);
      slots.put(name, s);
      return s;
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot prepare worktree "
              + dir
              + ": "
              + e.getMessage()
              + "; check that the results folder is writable",
          e);
    }
  }

  /**
   * Marks the slot as busy with a build of this process until the returned handle is closed. A run
   * killed with SIGKILL leaves the mark; the next run to take the slot then kills what the killed
   * run left running (its build may still write into the slot) and resets the slot.
   */
  public synchronized Busy busy(String slotName) {
    Path owner = slot(slotName).dir().getParent().resolve(OWNER);
    dev.culprit.store.AtomicFiles.write(owner, Containment.self().token() + "\n");
    return () -> {
      try {
        Files.deleteIfExists(owner);
      } catch (IOException e) {
        // a left mark costs one reset of the slot, nothing more
      }
    };
  }

  /** The busy mark of a slot; closing it clears it. */
  public interface Busy extends AutoCloseable {
    @Override
    void close();
  }

  private static void recoverFromKilledOwner(Path base) throws IOException {
    Path owner = base.resolve(OWNER);
    if (!Files.isRegularFile(owner)) {
      return;
    }
    String token = Files.readString(owner).trim();
    log.warn(
        "worktree slot {} was left mid-build by a culprit run that was killed ({}); killing what it left "
            + "running and resetting the slot",
        base.getFileName(),
        Containment.Owner.parse(token).map(o -> "pid " + o.pid()).orElse("unknown pid"));
    Containment.reapOrphans();
    Files.deleteIfExists(base.resolve("HEAD-TREE"));
    Files.delete(owner);
  }

  @Override
  public synchronized void close() {
    for (Slot s : slots.values()) {
      s.repo().close();
      try {
        s.lock().release();
        s.lockChannel().close();
      } catch (IOException ignored) {
        // the OS drops the lock with the process anyway
      }
    }
    slots.clear();
  }
}
