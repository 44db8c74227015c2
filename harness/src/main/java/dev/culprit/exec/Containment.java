package dev.culprit.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and ends every process a child of culprit started, wherever it went.
 *
 * <p>Each child runs in a session of its own ({@code setsid} from util-linux: its pid is its
 * session and process-group id) and carries the marker variable {@value #MARKER} = {@code
 * <owner>/<n>}, where the owner is culprit's pid and start time. A process group is not enough:
 * {@code setsid sleep &} leaves it, and a daemon re-parents to init, so it is no longer a
 * descendant either. The environment is inherited across both, so the marker finds it (read from
 * {@code /proc/PID/environ}, which only the same user can read). A process that clears its
 * environment and stays in the session is found by its session id. What is found is killed with
 * SIGKILL: when a child ends, its leftovers; at timeout and at culprit's exit, the child's session
 * and marker; and before a child starts, every process whose owner is no longer running (culprit
 * was killed with SIGKILL).
 */
public final class Containment {
  /** The environment variable that marks culprit's children and everything they start. */
  public static final String MARKER = "CULPRIT_CONTAINMENT";

  private static final Logger log = LoggerFactory.getLogger(Containment.class);
  private static final AtomicLong SEQ = new AtomicLong();
  private static final Owner SELF = Owner.of(ProcessHandle.current());
  private static final Path PROC = Path.of("/proc");
  private static final Optional<Path> SETSID =
      Stream.of("/usr/bin/setsid", "/bin/setsid")
          .map(Path::of)
          .filter(Files::isExecutable)
          .findFirst();

  private Containment() {}

  /** A culprit process, identified by pid and start time (a pid alone is reused). */
  public record Owner(long pid, long startMillis) {
    static Owner of(ProcessHandle h) {
      return new Owner(
          h.pid(), h.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L));
    }

    public String token() {
      return pid + "." + startMillis;
    }

    /** The owner named by a token, or empty when the text is not one. */
    public static Optional<Owner> parse(String token) {
      String[] parts = token.trim().split("\\.");
      try {
        return parts.length == 2
            ? Optional.of(new Owner(Long.parseLong(parts[0]), Long.parseLong(parts[1])))
            : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }

    public boolean alive() {
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .map(Owner::of)
          .filter(this::equals)
          .isPresent();
    }
  }

  /** This culprit process. */
  public static Owner self() {
    return SELF;
  }

  /** A fresh marker for one child of this process. */
  static String newMarker() {
    return SELF.token() + "/" + SEQ.incrementAndGet();
  }

  /** The command as launched: through {@code setsid} when the system has it. */
  static List<String> inOwnSession(List<String> command) {
    if (SETSID.isEmpty()) {
      return command;
    }
    List<String> out = new ArrayList<>();
    out.add(SETSID.get().toString());
    out.addAll(command);
    return out;
  }

  /** Kills what the child with this marker and pid left running; returns how many processes. */
  static int killLeftovers(String marker, long childPid) {
    return kill(p -> marker.equals(p.marker()) || p.session() == childPid);
  }

  /** Kills every process started by this culprit (at exit). */
  static int killAllOfSelf() {
    String prefix = SELF.token() + "/";
    return kill(p -> p.marker() != null && p.marker().startsWith(prefix));
  }

  /**
   * Kills the processes left by culprit runs that are no longer running (killed with SIGKILL, or
   * crashed): an orphaned build would write into a worktree slot the next run takes over, an
   * orphaned JMH holds JMH's machine lock. Returns how many processes were killed.
   */
  public static int reapOrphans() {
    int n =
        kill(
            p ->
                p.marker() != null
                    && ownerOf(p.marker()).map(o -> !o.equals(SELF) && !o.alive()).orElse(false));
    if (n > 0) {
      log.warn("killed {} process(es) left running by a culprit run that was killed", n);
    }
    return n;
  }

  private static Optional<Owner> ownerOf(String marker) {
    int slash = marker.indexOf('/');
    return Owner.parse(slash < 0 ? marker : marker.substring(0, slash));
  }

  /** A process as seen in /proc. */
  record Proc(long pid, long session, char state, String marker) {}

  private static int kill(Predicate<Proc> which) {
    List<ProcessHandle> killed = new ArrayList<>();
    for (Proc p : scan()) {
      if (p.pid() != SELF.pid() && p.state() != 'Z' && which.test(p)) {
        ProcessHandle.of(p.pid())
            .ifPresent(
                h -> {
                  h.destroyForcibly();
                  killed.add(h);
                });
      }
    }
    awaitGone(killed, Duration.ofSeconds(5));
    return killed.size();
  }

  /** Waits until the killed processes are gone or zombies (which hold no files and no locks). */
  private static void awaitGone(List<ProcessHandle> killed, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    for (ProcessHandle h : killed) {
      while (h.isAlive() && state(h.pid()) != 'Z' && System.nanoTime() < deadline) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  static List<Proc> scan() {
    List<Proc> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(PROC)) {
      for (Path d :
          dirs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
              .toList()) {
        long pid = Long.parseLong(d.getFileName().toString());
        String stat = readStat(pid);
        if (stat != null) {
          out.add(new Proc(pid, field(stat, 3), stateOf(stat), marker(d.resolve("environ"))));
        }
      }
    } catch (IOException e) {
      log.debug("cannot list /proc: {}", e.toString());
    }
    return out;
  }

  private static String readStat(long pid) {
    try {
      return Files.readString(
          PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether the process runs (a zombie does not: it only waits for its parent to collect it). */
  public static boolean running(long pid) {
    return state(pid) != 'Z';
  }

  private static char state(long pid) {
    String stat = readStat(pid);
    return stat == null ? 'Z' : stateOf(stat);
  }

  /**
   * The state letter: the first field after the parenthesised command name (which may hold spaces).
   */
  private static char stateOf(String stat) {
    int close = stat.lastIndexOf(')');
    return close < 0 || close + 2 >= stat.length() ? '?' : stat.charAt(close + 2);
  }

  /** Field {@code n} counted after the state (0 = state, 1 = ppid, 2 = pgrp, 3 = session). */
  private static long field(String stat, int n) {
    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    try {
      return Long.parseLong(rest[n]);
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static String marker(Path environ) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(environ);
    } catch (IOException | SecurityException e) {
      return null; // another user's process, or gone
    }
    String prefix = MARKER + "=";
    for (String entry : new String(bytes, StandardCharsets.ISO_8859_1).split("\0")) {
      if (entry.startsWith(prefix)) {
        return entry.substring(prefix.length());
      }
    }
    return null;
  }
}
