package dev.culprit.report.dashboard;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links to a commit on the repository's forge, when its {@code origin} remote is on a host whose
 * commit URLs are known (github.com, gitlab.com, bitbucket.org, codeberg.org); otherwise none.
 */
public record CommitLinks(String prefix, String infix) {
  /** No forge: commits are shown without links. */
  public static final CommitLinks NONE = new CommitLinks("", "");

  // https://host/owner/name(.git), ssh://git@host(:port)/owner/name(.git),
  // git@host:owner/name(.git)
  private static final Pattern URL =
      Pattern.compile(
          "^(?:(?:https?|ssh|git)://(?:[^@/]+@)?([^/:]+)(?::\\d+)?/|[^@/]+@([^:/]+):)([^\\s?#]+?)(?:\\.git)?/?$");

  /** From a remote URL as git config holds it; {@link #NONE} for an unknown host or shape. */
  public static CommitLinks fromRemote(String remoteUrl) {
    if (remoteUrl == null) {
      return NONE;
    }
    Matcher m = URL.matcher(remoteUrl.strip());
    if (!m.matches()) {
      return NONE;
    }
    String host = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
    String path = m.group(3);
    if (!path.matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)+")) {
      return NONE;
    }
    String base = "https://" + host + "/" + path;
    return switch (host) {
      case "github.com", "codeberg.org" -> new CommitLinks(base, "/commit/");
      case "gitlab.com" -> new CommitLinks(base, "/-/commit/");
      case "bitbucket.org" -> new CommitLinks(base, "/commits/");
      default -> NONE;
    };
  }

  /**
   * The commit's https URL, or empty without a known forge (or for something that is not a sha).
   */
  public Optional<String> url(String sha) {
    if (prefix.isEmpty() || sha == null || !sha.matches("[0-9a-f]{7,64}")) {
      return Optional.empty();
    }
    return Optional.of(prefix + infix + sha);
  }

  /** {@code <code>short</code>}, inside a link to the forge when there is one. */
  String code(String sha) {
    String shortSha = sha.length() > 10 ? sha.substring(0, 10) : sha;
    String code =
        "<code title=\"" + Escaping.html(sha) + "\">" + Escaping.html(shortSha) + "</code>";
    return url(sha)
        .map(u -> "<a class=\"commit\" href=\"" + Escaping.html(u) + "\">" + code + "</a>")
        .orElse(code);
  }
}
