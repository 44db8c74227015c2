package dev.culprit.report;

import dev.culprit.bisect.BisectReport;
import dev.culprit.store.AtomicFiles;
import dev.culprit.store.ResultStore;
import java.nio.file.Path;

/**
 * A bisect's folder in the results: report.md and result.json, their links relative to the folder.
 */
public final class BisectFiles {
  public static final String REPORT = "report.md";
  public static final String RESULT = "result.json";

  private BisectFiles() {}

  /**
   * Writes both files into {@code dir} and returns the report with its absolute Markdown path (for
   * the terminal and {@code --json}); the stored files hold paths relative to {@code dir}.
   */
  public static BisectReport write(
      ResultStore store, Path dir, BisectReport r, Path repo, String scenario) {
    Path md = dir.resolve(REPORT);
    BisectReport withPath = r.withReport(md.toAbsolutePath().toString());
    AtomicFiles.write(
        md, BisectRenderer.markdown(withPath, repo.toAbsolutePath().toString(), scenario, dir));
    store.writeJson(dir.resolve(RESULT), PortablePaths.relativize(withPath, dir, store.root()));
    return withPath;
  }
}
