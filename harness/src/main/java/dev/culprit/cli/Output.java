package dev.culprit.cli;

import dev.culprit.error.CulpritException;
import dev.culprit.store.AtomicFiles;
import dev.culprit.store.ResultStore;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Writes a JSON document to a file or to stdout ("-"). */
final class Output {
  private Output() {}

  static void json(String target, Object value, PrintWriter out) {
    if (target == null) {
      return;
    }
    String text;
    try {
      text = ResultStore.JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    if (target.equals("-")) {
      out.println(text);
      out.flush();
    } else {
      Path p = Path.of(target);
      try {
        AtomicFiles.write(p, text + "\n");
      } catch (CulpritException e) {
        throw CulpritException.environment(
            "cannot write --json " + target + "; pass a writable path or - for stdout");
      }
    }
  }
}
