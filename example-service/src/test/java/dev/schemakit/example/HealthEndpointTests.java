package dev.schemakit.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.check.LiveCheck;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import dev.schemakit.yaml.ContractReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** GET /health over HTTP, against the service's database at the latest version and one migration behind. */
@MigrationTest
class HealthEndpointTests {

  static HttpResponse<String> health(MigratedDatabase db) throws Exception {
    LiveCheck check = LiveCheck.of(db.jdbcUrl(), "postgres", null)
        .contracts(ContractReader.readDirectory(Path.of("contracts")))
        .migrations(MigrationChain.scan(MigrationSettings.builder().locations(GuildService.MIGRATIONS).build()));
    try (HealthEndpoint endpoint = HealthEndpoint.start(new InetSocketAddress("127.0.0.1", 0), check::run)) {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + endpoint.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void healthyAtTheLatestVersionAndNotWhenAMigrationIsPending(MigratedDatabase db) throws Exception {
    HttpResponse<String> latest = health(db);
    db.undo();
    HttpResponse<String> behind = health(db);
    db.migrate();

    assertThat(latest.statusCode()).isEqualTo(200);
    assertThat(latest.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(latest.body()).contains("\"status\": \"ok\"", "\"currentVersion\": \"9\"", "\"pending\": []",
        "\"drift\": {\"passed\": true");
    assertThat(behind.statusCode()).isEqualTo(503);
    assertThat(behind.body()).contains("\"status\": \"drift\"", "\"currentVersion\": \"8\"",
        "\"pending\": [\"9\"]", "ROW_LEVEL_SECURITY_MISMATCH");
  }
}
