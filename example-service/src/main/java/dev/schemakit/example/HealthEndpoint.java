package dev.schemakit.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.schemakit.check.CheckReport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code GET /health}: the kit's read-only check of the service's database as JSON, 200 when healthy
 * (reachable, no pending or failed migration, no drift from the contract), 503 otherwise.
 */
public final class HealthEndpoint implements AutoCloseable {

  private final HttpServer server;

  private HealthEndpoint(HttpServer server) {
    this.server = server;
  }

  /**
   * Serves {@code /health} on {@code address} (port 0 picks a free one).
   *
   * @param check runs one read-only check per request
   */
  public static HealthEndpoint start(InetSocketAddress address, Supplier<CheckReport> check) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    server.createContext("/health", exchange -> respond(exchange, check));
    server.start();
    return new HealthEndpoint(server);
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, Supplier<CheckReport> check) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      CheckReport report = check.get();
      byte[] body = report.json().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(report.healthy() ? 200 : 503, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
