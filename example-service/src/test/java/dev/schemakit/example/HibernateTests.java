package dev.schemakit.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.example.guilds.Guild;
import dev.schemakit.example.guilds.GuildMember;
import dev.schemakit.example.guilds.GuildPermission;
import dev.schemakit.example.guilds.User;
import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Hibernate itself on the migrated schema: it validates the mapping (ddl-auto = validate, never create or
 * update), and the soft deletes the three-way check expects work through the entities.
 */
@MigrationTest
class HibernateTests {

  @Test
  void hibernateValidatesTheMappingAndSoftDeletesThroughIt(MigratedDatabase db) {
    try (SessionFactory sessions = new Configuration()
        .addAnnotatedClass(User.class).addAnnotatedClass(Guild.class)
        .addAnnotatedClass(GuildMember.class).addAnnotatedClass(GuildPermission.class)
        .setProperty("hibernate.connection.url", db.jdbcUrl())
        .setProperty("hibernate.connection.username", "postgres")
        .setProperty("hibernate.hbm2ddl.auto", "validate")
        // the naming Spring Boot configures, and that EntityReader.defaults() reads the entities with
        .setProperty("hibernate.physical_naming_strategy",
            "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy")
        .buildSessionFactory()) {
      Integer guildId = sessions.fromTransaction(session -> {
        User gm = new User(7, "Anduin#7777");
        session.persist(gm);
        Guild guild = new Guild("Alliance Vanguard", "Stormrage", gm);
        session.persist(guild);
        session.persist(new GuildMember("Anduinpriest", guild, 0));
        session.persist(new GuildPermission(guild, "raid-planner", 2));
        return guild.id();
      });

      sessions.inTransaction(session -> session.remove(session.find(Guild.class, guildId)));

      Guild found = sessions.fromSession(session -> session.find(Guild.class, guildId));
      assertThat(found).isNull();
      assertThat(db.queryForValue("select deleted_at is not null from guilds where id = ?", guildId)).isEqualTo(true);
      assertThat(db.queryForValue("select is_deleted from guild_permissions where guild_id = ?", guildId))
          .isEqualTo(true);
      List<GuildPermission> permissions = sessions.fromSession(session -> session.createQuery("from GuildPermission",
          GuildPermission.class).getResultList());
      assertThat(permissions).isEmpty();
    }
  }
}
