package dev.culprit.git;

import dev.culprit.error.CulpritException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.dircache.Checkout;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a slot against its index after a switch: every tracked file that differs (a build
 * edited, deleted or re-moded it) is written again from the object store, and, when asked, every
 * untracked file is removed. JGit's two-tree switch only rewrites files that differ between the two
 * commits, so without this a build's edit to a file both commits share would be built into the next
 * commit.
 */
final class SlotCheck {
  private static final Logger log = LoggerFactory.getLogger(SlotCheck.class);

  private SlotCheck() {}

  /** What one walk found. */
  private record Walk(
      List<DirCacheEntry> modified, List<Path> untracked, boolean submodules, boolean lfs) {}

  /**
   * Restores the tracked files of the slot to its index (and with {@code clean} removes untracked
   * ones). Returns false, changing nothing, when the index holds conflicts: the caller resets the
   * slot.
   */
  static boolean restore(Repository repo, boolean clean, Set<String> warned) throws IOException {
    DirCache dc = repo.lockDirCache();
    try {
      if (dc.hasUnmergedPaths()) {
        return false;
      }
      Walk w = walk(repo, dc);
      warnOnce(w, warned);
      if (clean) {
        for (Path p : w.untracked()) {
          deleteTree(p);
        }
      }
      if (w.modified().isEmpty()) {
        return true;
      }
      log.info(
          "restoring {} tracked file(s) changed since the last checkout, e.g. {}",
          w.modified().size(),
          w.modified().get(0).getPathString());
      try (ObjectReader reader = repo.newObjectReader()) {
        Checkout checkout = new Checkout(repo).setRecursiveDeletion(true);
        for (DirCacheEntry e : w.modified()) {
          checkout.checkout(e, null, reader, null);
        }
      }
      dc.write();
      dc.commit();
      Walk again = walk(repo, dc);
      if (!again.modified().isEmpty()) {
        throw CulpritException.environment(
            "cannot restore "
                + again.modified().get(0).getPathString()
                + " in "
                + repo.getWorkTree()
                + "; is the folder writable?");
      }
      return true;
    } finally {
      dc.unlock();
    }
  }

  private static Walk walk(Repository repo, DirCache dc) throws IOException {
    List<DirCacheEntry> modified = new ArrayList<>();
    List<Path> untracked = new ArrayList<>();
    boolean submodules = false;
    boolean lfs = false;
    try (ObjectReader reader = repo.newObjectReader();
        TreeWalk tw = new TreeWalk(repo, reader)) {
      int di = tw.addTree(new DirCacheIterator(dc));
      int wi = tw.addTree(new FileTreeIterator(repo));
      while (tw.next()) {
        DirCacheIterator d = tw.getTree(di, DirCacheIterator.class);
        WorkingTreeIterator w = tw.getTree(wi, WorkingTreeIterator.class);
        if (d == null) {
          untracked.add(repo.getWorkTree().toPath().resolve(tw.getPathString()));
          continue;
        }
        if (tw.isSubtree()) {
          tw.enterSubtree();
          continue;
        }
        DirCacheEntry e = d.getDirCacheEntry();
        if (e.getFileMode() == FileMode.GITLINK) {
          submodules = true;
          continue;
        }
        if (e.getPathString().endsWith(".gitattributes")) {
          lfs |=
              new String(reader.open(e.getObjectId()).getBytes(), StandardCharsets.UTF_8)
                  .contains("filter=lfs");
        }
        if (w == null || w.isModified(e, true, reader)) {
          modified.add(e);
        }
      }
    }
    return new Walk(modified, untracked, submodules, lfs);
  }

  private static void warnOnce(Walk w, Set<String> warned) {
    if (w.submodules() && warned.add("submodules")) {
      log.warn(
          "the repository has git submodules: culprit builds without them (their folders stay empty)");
    }
    if (w.lfs() && warned.add("lfs")) {
      log.warn(
          "the repository uses Git LFS (filter=lfs in .gitattributes): culprit builds the pointer files, "
              + "not the large files");
    }
  }

  /** Deletes a file, a symbolic link (never its target) or a whole folder. */
  static void deleteTree(Path p) throws IOException {
    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(p);
      return;
    }
    Files.walkFileTree(
        p,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
