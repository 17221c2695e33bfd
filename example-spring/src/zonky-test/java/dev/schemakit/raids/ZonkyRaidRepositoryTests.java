package dev.schemakit.raids;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.AutoConfigureEmbeddedDatabase;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;

/** RaidRepositoryTests the usual way, for the comparison only: zonky's embedded database, Spring's Flyway migrates. */
@DataJpaTest
@AutoConfigureEmbeddedDatabase(provider = AutoConfigureEmbeddedDatabase.DatabaseProvider.ZONKY)
class ZonkyRaidRepositoryTests {

  @Autowired
  RaidRepository raids;

  @Autowired
  SignupRepository signups;

  @Test
  void signupsAreCountedByRole() {
    Raid raid = raids.save(new Raid("Molten Core", OffsetDateTime.now().plusDays(2)));
    signups.save(new Signup(raid, "ada", "tank"));
    signups.save(new Signup(raid, "grace", "healer"));
    signups.save(new Signup(raid, "linus", "healer"));

    assertThat(signups.countByRole(raid.getId())).extracting(row -> row[0] + "=" + row[1])
        .containsExactly("healer=2", "tank=1");
  }
}
