package dev.culprit.git;

import dev.culprit.error.CulpritException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Reused work directories ("slots") that share the repository's object store, each with its own
 * index kept outside the work tree. Switching a slot to another commit rewrites only the files that
 * differ, so unchanged files keep their mtimes and Maven rebuilds less; untracked build output
 * survives. The pinned paths are then overlaid from the pin commit and recorded in the slot's index,
 * so the next switch sees a clean tree. A file lock keeps two culprit processes out of one slot.
 */
public final class Worktrees implements AutoCloseable {
  private final Path gitDir;
  private final Path root;
  private final Map<String, Slot> slots = new HashMap<>();

  private record Slot(Repository repo, FileChannel lockChannel, FileLock lock, Path dir) {}

  public Worktrees(Path gitDir, Path root) {
    this.gitDir = gitDir;
    this.root = root;
  }

  /** Makes the slot's directory hold exactly {@code sha}'s tree with the pin overlaid. */
  public synchronized Path checkout(String sha, InputSpec.Pin pin, String slotName) {
    Slot slot = slot(slotName);
    try (RevWalk walk = new RevWalk(slot.repo())) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
      DirCache dc = slot.repo().lockDirCache();
      DirCacheCheckout co = new DirCacheCheckout(slot.repo(), dc, commit.getTree());
      co.setFailOnConflict(false);
      co.checkout();
      if (pin != null) {
        overlay(slot, walk.parseCommit(ObjectId.fromString(pin.commitSha())), pin);
      }
      return slot.dir();
    } catch (IOException e) {
      throw CulpritException.environment("cannot check out " + sha + " into " + slot.dir() + ": " + e.getMessage(), e);
    }
  }

  private void overlay(Slot slot, RevCommit pinCommit, InputSpec.Pin pin) throws IOException {
    Repository r = slot.repo();
    DirCache dc = r.lockDirCache();
    try {
      DirCacheEditor editor = dc.editor();
      for (String raw : pin.paths()) {
        String prefix = InputSpec.normalize(raw);
        Map<String, DirCacheEntry> current = new HashMap<>();
        for (DirCacheEntry e : dc.getEntriesWithin(prefix)) {
          current.put(e.getPathString(), e);
        }
        DirCacheEntry exact = dc.getEntry(prefix);
        if (exact != null) {
          current.put(prefix, exact);
        }
        try (TreeWalk tw = new TreeWalk(r)) {
          tw.addTree(pinCommit.getTree());
          tw.setRecursive(true);
          tw.setFilter(PathFilter.create(prefix));
          while (tw.next()) {
            String path = tw.getPathString();
            ObjectId blob = tw.getObjectId(0);
            FileMode mode = tw.getFileMode(0);
            DirCacheEntry had = current.remove(path);
            Path file = slot.dir().resolve(path);
            if (had != null && had.getObjectId().equals(blob) && had.getFileMode().equals(mode) && Files.exists(file)) {
              continue; // same content: keep the file and its mtime
            }
            Files.createDirectories(file.getParent());
            try (InputStream in = r.open(blob).openStream()) {
              Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            if (mode == FileMode.EXECUTABLE_FILE) {
              file.toFile().setExecutable(true);
            }
            long length = Files.size(file);
            long modified = Files.getLastModifiedTime(file).toMillis();
            editor.add(new DirCacheEditor.PathEdit(path) {
              @Override
              public void apply(DirCacheEntry ent) {
                ent.setObjectId(blob);
                ent.setFileMode(mode);
                ent.setLength(length);
                ent.setLastModified(java.time.Instant.ofEpochMilli(modified));
              }
            });
          }
        }
        for (String gone : current.keySet()) {
          Files.deleteIfExists(slot.dir().resolve(gone));
          editor.add(new DirCacheEditor.DeletePath(gone));
        }
      }
      editor.commit();
    } finally {
      dc.unlock();
    }
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
      FileChannel ch = FileChannel.open(base.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = ch.tryLock();
      if (lock == null) {
        ch.close();
        throw CulpritException.environment("worktree " + dir + " is in use by another culprit process; wait for it, or pass another --results folder");
      }
      Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setWorkTree(dir.toFile()).setIndexFile(base.resolve("index").toFile()).setMustExist(true).build();
      s = new Slot(repo, ch, lock, dir);
      slots.put(name, s);
      return s;
    } catch (IOException e) {
      throw CulpritException.environment("cannot prepare worktree " + dir + ": " + e.getMessage() + "; check that the results folder is writable", e);
    }
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
