package dev.culprit.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Built benchmark jars shared between ITs that are not about building. culprit keeps each built jar
 * in its results folder's scratch space, keyed by the build settings and the commit's build-input
 * tree ({@code .work/artifacts/<key>.jar}), and reuses it instead of building again; the ITs give
 * every test a fresh results folder, so the same fixture commit was built again and again (one
 * fixture commit 14 times in a suite run). A test that opts in seeds its results folder with the
 * jars built so far in this suite and returns the ones it built; the first build of every commit is
 * still real. Tests that count builds, or are about building, do not opt in.
 *
 * <p>Jars are copied, not linked: a test that damages its results folder cannot damage the pool.
 * The pool is {@code harness/target/it-jars}, so {@code mvn clean} empties it.
 */
final class SharedJars {
  private SharedJars() {}

  static Path pool() {
    return Path.of(System.getProperty("culprit.projectRoot", "."))
        .toAbsolutePath()
        .resolve("harness/target/it-jars");
  }

  /** Copies the pool's jars into {@code results}' jar cache (those it has not got). */
  static void seed(Path results) {
    copyJars(pool(), results.resolve(".work/artifacts"));
  }

  /** Copies the jars {@code results} built into the pool (those it has not got). */
  static void keep(Path results) {
    copyJars(results.resolve(".work/artifacts"), pool());
  }

  /** Runs the CLI in-process on a results folder seeded from the pool, then keeps its new jars. */
  static CliRun run(Path results, String... args) {
    seed(results);
    try {
      return CliRun.of(args);
    } finally {
      keep(results);
    }
  }

  private static void copyJars(Path from, Path to) {
    if (!Files.isDirectory(from)) {
      return;
    }
    try {
      List<Path> jars;
      try (Stream<Path> s = Files.list(from)) {
        jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).toList();
      }
      Files.createDirectories(to);
      for (Path jar : jars) {
        Path dest = to.resolve(jar.getFileName().toString());
        if (Files.exists(dest)) {
          continue;
        }
        // copied beside its final name, then moved: a reader never sees half a jar
        Path part = to.resolve(jar.getFileName() + "." + ProcessHandle.current().pid() + ".part");
        Files.copy(jar, part, StandardCopyOption.REPLACE_EXISTING);
        try {
          Files.move(part, dest, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
          Files.deleteIfExists(part);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
