package dev.schemakit.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium driven over the DevTools protocol (a WebSocket, no driver, no library): open a page with the
 * network off, run JavaScript in it, collect what it logged as an error, take a screenshot. For the browser tests of
 * the HTML reports.
 */
final class Chromium implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final Pattern PAGE_SOCKET = Pattern.compile(
      "\"type\":\\s*\"page\"[^}]*?\"webSocketDebuggerUrl\":\\s*\"([^\"]+)\"|\"webSocketDebuggerUrl\":\\s*\"([^\"]+)\"[^}]*?\"type\":\\s*\"page\"");

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();

  private Chromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** The browser to test with: {@code SCHEMAKIT_CHROMIUM}, else Debian's {@code chromium} or Chrome on the path. */
  static Optional<Path> find() {
    String configured = System.getenv("SCHEMAKIT_CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
      for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Starts a headless browser on a blank page and attaches to it, with the network emulated off. */
  static Chromium start(Path binary) throws Exception {
    Path profile = Files.createTempDirectory("schemakit-chromium");
    Process process = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--remote-debugging-port=0", "--remote-allow-origins=*", "--window-size=1280,900",
        "--user-data-dir=" + profile, "about:blank").redirectErrorStream(true).start();
    String browserSocket = null;
    BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> said = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (browserSocket == null && System.nanoTime() < deadline) {
      String line = output.readLine();
      if (line == null) {
        break;
      }
      said.add(line);
      Matcher matcher = LISTENING.matcher(line);
      if (matcher.find()) {
        browserSocket = matcher.group(1);
      }
    }
    if (browserSocket == null) {
      process.destroyForcibly();
      throw new IllegalStateException(binary + " did not open its DevTools port:\n" + String.join("\n", said));
    }
    // the rest of its output is drained so that the browser never blocks on a full pipe
    Thread drain = new Thread(() -> output.lines().forEach(line -> { }), "chromium-output");
    drain.setDaemon(true);
    drain.start();
    URI browser = URI.create(browserSocket);
    HttpClient http = HttpClient.newHttpClient();
    String list = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getHost() + ":" + browser.getPort()
        + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher page = PAGE_SOCKET.matcher(list);
    if (!page.find()) {
      process.destroyForcibly();
      throw new IllegalStateException("Chromium lists no page to attach to: " + list);
    }
    String pageSocket = page.group(1) != null ? page.group(1) : page.group(2);
    Chromium[] self = new Chromium[1];
    WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
      private final StringBuilder message = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        message.append(data);
        if (last) {
          self[0].received(message.toString());
          message.setLength(0);
        }
        webSocket.request(1);
        return null;
      }
    }).get(30, TimeUnit.SECONDS);
    Chromium chromium = new Chromium(process, profile, socket);
    self[0] = chromium;
    for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
      chromium.call(domain + ".enable", "{}");
    }
    chromium.call("Network.emulateNetworkConditions",
        "{\"offline\": true, \"latency\": 0, \"downloadThroughput\": -1, \"uploadThroughput\": -1}");
    return chromium;
  }

  private void received(String message) {
    Matcher id = Pattern.compile("^\\{\"id\":(\\d+)").matcher(message);
    if (id.find()) {
      CompletableFuture<String> waiting = pending.remove(Integer.parseInt(id.group(1)));
      if (waiting != null) {
        waiting.complete(message);
      }
      return;
    }
    boolean error = message.contains("\"method\":\"Runtime.exceptionThrown\"")
        || message.contains("\"method\":\"Runtime.consoleAPICalled\"") && message.contains("\"type\":\"error\"")
        || message.contains("\"method\":\"Log.entryAdded\"") && message.contains("\"level\":\"error\"");
    if (error) {
      errors.add(message.length() > 2000 ? message.substring(0, 2000) + "..." : message);
    }
  }

  /** Sends a DevTools command and waits for its answer (the raw JSON). */
  String call(String method, String params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<String> answer = new CompletableFuture<>();
    pending.put(id, answer);
    socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true)
        .get(30, TimeUnit.SECONDS);
    String result = answer.get(60, TimeUnit.SECONDS);
    if (result.contains("\"error\":{")) {
      throw new IllegalStateException(method + " failed: " + result);
    }
    return result;
  }

  /** Opens a local file. */
  void open(Path file) throws Exception {
    errors.clear();
    call("Page.navigate", "{\"url\":\"" + file.toUri() + "\"}");
  }

  /** Evaluates a JavaScript expression in the page and returns its value as text (a string, number or boolean). */
  String evaluate(String expression) throws Exception {
    String answer = call("Runtime.evaluate", "{\"expression\":" + json(expression)
        + ",\"returnByValue\":true,\"awaitPromise\":true}");
    if (answer.contains("\"exceptionDetails\"")) {
      throw new IllegalStateException("the page threw evaluating " + expression + ": " + answer);
    }
    Matcher value = Pattern.compile("\"value\":(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}]+)").matcher(answer);
    if (!value.find()) {
      return "undefined";
    }
    return value.group(2) != null ? value.group(2).replace("\\\"", "\"").replace("\\n", "\n") : value.group(1);
  }

  /** Evaluates {@code condition} until it is {@code true}, up to {@code timeout}. */
  boolean await(String condition, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if ("true".equals(evaluate(condition))) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  /** A PNG of the whole page. */
  void screenshot(Path file) throws Exception {
    String answer = call("Page.captureScreenshot", "{\"format\":\"png\",\"captureBeyondViewport\":true}");
    Matcher data = Pattern.compile("\"data\":\"([^\"]+)\"").matcher(answer);
    if (!data.find()) {
      throw new IllegalStateException("no screenshot in " + answer.substring(0, Math.min(300, answer.length())));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(data.group(1)));
  }

  /** What the page logged as an error, or threw, since it was opened. */
  List<String> errors() {
    return List.copyOf(errors);
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  @Override
  public void close() throws IOException {
    socket.abort();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var walk = Files.walk(profile)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
