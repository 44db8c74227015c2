package dev.culprit.report.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.culprit.store.ResultStore;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real headless Chromium driven through the DevTools protocol over the JDK's WebSocket client: no
 * WebDriver, no extra dependency. Records console errors, exceptions, log errors and dialogs.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new ArrayList<>();

  /**
   * The browser named by {@code -Dculprit.chromium=PATH} ({@code none} for no browser), else the
   * first of {@code chromium}, {@code chromium-browser}, {@code google-chrome} on PATH, if any.
   */
  static Optional<Path> find() {
    String chosen = System.getProperty("culprit.chromium", "");
    if (!chosen.isBlank()) {
      return chosen.equals("none")
          ? Optional.empty()
          : Optional.of(Path.of(chosen)).filter(Files::isExecutable);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  HeadlessChromium(Path binary, Path workDir) throws Exception {
    Path profile = Files.createDirectories(workDir.resolve("profile"));
    process =
        new ProcessBuilder(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-breakpad",
                "--disable-crash-reporter",
                "--hide-scrollbars",
                "--window-size=1400,1000",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("chromium.log").toFile())
            .start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        close();
        throw new IOException(
            "chromium did not open its DevTools port; see " + workDir.resolve("chromium.log"));
      }
      Thread.sleep(50);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
    HttpClient http = HttpClient.newHttpClient();
    String targets =
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(TIMEOUT)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String pageSocket = null;
    for (JsonNode target : ResultStore.JSON.readTree(targets)) {
      if (target.path("type").asText().equals("page")) {
        pageSocket = target.get("webSocketDebuggerUrl").asText();
        break;
      }
    }
    if (pageSocket == null) {
      close();
      throw new IOException("chromium has no page target: " + targets);
    }
    socket =
        http.newWebSocketBuilder()
            .buildAsync(URI.create(pageSocket), new Listener())
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Sends a DevTools command and waits for its result. */
  synchronized JsonNode send(String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    ObjectNode message = ResultStore.JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", ResultStore.JSON.valueToTree(params));
    socket
        .sendText(ResultStore.JSON.writeValueAsString(message), true)
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    JsonNode response = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (response.has("error")) {
      throw new IllegalStateException(method + " failed: " + response.get("error"));
    }
    return response.path("result");
  }

  /** Evaluates an expression in the page and returns its value (JSON-serialisable values only). */
  JsonNode eval(String expression) throws Exception {
    JsonNode result =
        send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException(
          "page threw on `" + expression + "`: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Polls an expression until it is true. */
  void await(String condition) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!eval("Boolean(" + condition + ")").asBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("page never satisfied " + condition);
      }
      Thread.sleep(50);
    }
  }

  /** Events received so far whose method is one of {@code methods}. */
  List<JsonNode> events(String... methods) {
    List<String> wanted = List.of(methods);
    synchronized (events) {
      return events.stream().filter(e -> wanted.contains(e.path("method").asText())).toList();
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.abort();
    }
    // the whole family, taken before any of it exits: a child that outlives the browser (a
    // renderer, the crash handler) kept writing into the profile under the test's @TempDir, whose
    // cleanup then failed with DirectoryNotEmptyException (CI, 2026-12-08)
    List<ProcessHandle> family = process.descendants().toList();
    family.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
      for (ProcessHandle child : family) {
        try {
          child.onExit().get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          child.destroyForcibly();
          child.onExit().get(5, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("a browser process did not exit", e);
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = ResultStore.JSON.readTree(partial.toString());
          if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
            if (reply != null) {
              reply.complete(message);
            }
          } else {
            synchronized (events) {
              events.add(message);
            }
            onEvent(message);
          }
        } catch (IOException e) {
          throw new IllegalStateException("unreadable DevTools message", e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }

  /** A dialog blocks the page until handled: record it (it is a failure) and dismiss it. */
  private void onEvent(JsonNode message) {
    if (message.path("method").asText().equals("Page.javascriptDialogOpening")) {
      ObjectNode dismiss =
          ResultStore.JSON
              .createObjectNode()
              .put("id", ids.incrementAndGet())
              .put("method", "Page.handleJavaScriptDialog");
      dismiss.putObject("params").put("accept", false);
      socket.sendText(dismiss.toString(), true);
    }
  }
}
