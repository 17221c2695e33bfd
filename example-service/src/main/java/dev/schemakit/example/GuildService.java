package dev.schemakit.example;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.check.LiveCheck;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.database.ExternalPostgres;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.model.Names;
import dev.schemakit.yaml.ContractReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * The guild-management service: starts on the embedded PostgreSQL (or {@code --url}), applies its Flyway
 * migrations, and serves {@code GET /health} with the kit's read-only check (connectivity, version, pending
 * migrations, drift from {@code contracts/}).
 *
 * <pre>
 * java -cp ... dev.schemakit.example.GuildService [--url JDBC --user U --password P] [--port 8080] [--contracts DIR]
 * </pre>
 */
public final class GuildService {

  static final String MIGRATIONS = "classpath:db/migration";

  private GuildService() {}

  public static void main(String[] args) throws IOException, SQLException {
    Map<String, String> options = options(args);
    String url = options.get("--url");
    String user = options.get("--user");
    String password = options.getOrDefault("--password", System.getenv("PGPASSWORD"));
    if (url == null) {
      EmbeddedPostgres server = EmbeddedPostgres.shared();
      createDatabase(server, "guilds");
      url = server.jdbcUrl("guilds");
      user = "postgres";
    }
    Flyway.configure().dataSource(url, user, password).locations(MIGRATIONS).load().migrate();
    Path contracts = contracts(options.get("--contracts"));
    LiveCheck check = LiveCheck.of(url, user, password)
        .contracts(ContractReader.readDirectory(contracts))
        .migrations(MigrationChain.scan(MigrationSettings.builder().locations(MIGRATIONS).build()));
    int port = Integer.parseInt(options.getOrDefault("--port", "8080"));
    HealthEndpoint endpoint = HealthEndpoint.start(new InetSocketAddress(port), check::run);
    System.out.println("guild service: http://localhost:" + endpoint.port() + "/health (database "
        + ExternalPostgres.redact(url) + ", contracts " + contracts + ")");
  }

  private static void createDatabase(EmbeddedPostgres server, String name) throws SQLException {
    try (Connection connection = server.connect(server.maintenanceDatabase());
         Statement statement = connection.createStatement();
         ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
      if (!exists.next()) {
        statement.execute("CREATE DATABASE " + Names.quote(name));
      }
    }
  }

  private static Path contracts(String given) {
    if (given != null) {
      return Path.of(given);
    }
    // run from the repository root or from example-service/
    return List.of(Path.of("example-service/contracts"), Path.of("contracts")).stream().filter(Files::isDirectory)
        .findFirst().orElseThrow(() -> new IllegalArgumentException("no contracts directory here: run from the "
            + "repository root or example-service/, or pass --contracts DIR"));
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!List.of("--url", "--user", "--password", "--port", "--contracts").contains(args[i]) || i + 1 == args.length) {
        throw new IllegalArgumentException("usage: GuildService [--url JDBC --user U --password P] [--port 8080]"
            + " [--contracts DIR]; got '" + args[i] + "'");
      }
      options.put(args[i], args[++i]);
    }
    return options;
  }
}
