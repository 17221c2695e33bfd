package dev.schemakit.raids;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.check.CheckReport;
import dev.schemakit.check.LiveCheck;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.model.Catalog;
import dev.schemakit.yaml.ContractReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code schema}: the kit's read-only check of the service's own database
 * (every session read-only), down when migrations are pending or failed, or the schema drifts from the contracts
 * in {@code raids.contracts} (default {@code contracts}, when that directory exists).
 */
@Component("schema")
class SchemaHealthIndicator implements HealthIndicator {

  private final DataSource dataSource;
  private final String password;
  /** The migrations and contracts ship with the service: read once, not at every health request. */
  private final MigrationChain chain;
  private final Catalog contract;

  SchemaHealthIndicator(DataSource dataSource, @Value("${spring.datasource.password:}") String password,
      @Value("${spring.flyway.locations:classpath:db/migration}") String locations,
      @Value("${raids.contracts:contracts}") Path contracts) {
    this.dataSource = dataSource;
    this.password = password;
    this.chain = MigrationChain.scan(MigrationSettings.builder().locations(locations.split(",")).build());
    this.contract = Files.isDirectory(contracts) ? ContractReader.readDirectory(contracts) : null;
  }

  @Override
  public Health health() {
    String url;
    String user;
    try (Connection connection = dataSource.getConnection()) {
      url = connection.getMetaData().getURL();
      user = connection.getMetaData().getUserName();
    } catch (SQLException e) {
      return Health.down().withDetail("error", e.getMessage()).build();
    }
    LiveCheck check = LiveCheck.of(url, user, password.isEmpty() ? null : password).migrations(chain);
    if (contract != null) {
      check = check.contracts(contract);
    }
    CheckReport report = check.run();
    Health.Builder health = report.healthy() ? Health.up() : Health.down();
    return health.withDetail("status", report.status())
        .withDetail("currentVersion", String.valueOf(report.currentVersion()))
        .withDetail("pending", report.pending())
        .withDetail("drift", report.drift() == null ? "not checked" : report.drift().errors().size() + " error(s)")
        .build();
  }
}
