package dev.schemakit.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The extension a server lacks, read from what PostgreSQL says, before 15 and since. */
class MissingExtensionTests {

  @Test
  void theMissingExtensionIsReadFromEitherWayPostgresSaysIt() {
    assertThat(Migrator.missingExtension("ERROR: extension \"vector\" is not available")).isEqualTo("vector");
    assertThat(Migrator.missingExtension("ERROR: could not open extension control file"
        + " \"/tmp/pg/share/postgresql/extension/postgis.control\": No such file or directory")).isEqualTo("postgis");
    assertThat(Migrator.missingExtension("ERROR: type \"integr\" does not exist")).isNull();
    assertThat(Migrator.missingExtension(null)).isNull();
  }
}
