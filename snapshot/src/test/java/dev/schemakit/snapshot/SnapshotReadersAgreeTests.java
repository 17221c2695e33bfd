package dev.schemakit.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.database.ScratchDatabases;
import dev.schemakit.model.Catalog;
import dev.schemakit.model.Policy;
import dev.schemakit.model.RowLevelSecurity;
import dev.schemakit.model.Sequence;
import dev.schemakit.model.Schema;
import dev.schemakit.yaml.ContractWriter;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both snapshot readers must give the same model of the same database, object kind by object kind, for every kind
 * both see. The pg_catalog reader alone sees policies beyond their names, sequences' start, cache and owner,
 * functions, domains, exclusion constraints and partitions ({@link #whatSchemaCrawlerSees}).
 */
class SnapshotReadersAgreeTests {

  static Catalog fullFromPgCatalog;
  static Catalog fromPgCatalog;
  static Catalog fromSchemaCrawler;

  @BeforeAll
  static void snapshotTheRichSchemaWithBothReaders() throws Exception {
    DataSource dataSource = ScratchDatabases.createFrom("agree", "rich-schema.sql");
    fullFromPgCatalog = SnapshotReader.forPostgres().read(dataSource, List.of("public"));
    fromPgCatalog = whatSchemaCrawlerSees(fullFromPgCatalog);
    fromSchemaCrawler = SnapshotReader.schemaCrawler().read(dataSource, List.of("public"));
  }

  /** The pg_catalog reader's model without what the SchemaCrawler reader does not read. */
  static Catalog whatSchemaCrawlerSees(Catalog catalog) {
    return new Catalog(catalog.schemas().stream().map(schema -> new Schema(schema.name(),
        schema.tables().stream().map(table -> table.withExclusions(List.of()).withPartitioning(null, List.of())
            .withRowLevelSecurity(new RowLevelSecurity(table.rowLevelSecurity().enabled(),
                table.rowLevelSecurity().forced(), table.rowLevelSecurity().policyNames().stream()
                    .map(name -> Policy.named(name, null)).toList(), null))).toList(),
        schema.views(), schema.enums(), schema.sequences().stream().map(q -> new Sequence(q.name(), q.increment(),
            q.minValue(), q.maxValue(), q.cycle(), null)).toList(), schema.strict(), schema.origin())).toList(),
        catalog.extensions());
  }

  @Test
  void thePgCatalogReaderSeesWhatSchemaCrawlerDoesNot() {
    Schema schema = fullFromPgCatalog.schema("public").orElseThrow();
    assertThat(schema.routines()).extracting(r -> r.signature() + " " + r.language() + " " + r.returns())
        .contains("soft_delete_permission() plpgsql trigger", "touch() plpgsql trigger");
    assertThat(schema.routines()).allSatisfy(r -> assertThat(r.bodySha256()).hasSize(16));
    assertThat(schema.sequences()).extracting(q -> q.name() + " start " + q.start() + " owned by " + q.ownedBy())
        .containsExactly("guilds_id_seq start 1 owned by guilds.id", "invoice_numbers start 100 owned by none");
    assertThat(schema.table("guild_permissions").orElseThrow().rowLevelSecurity().policies())
        .extracting(p -> p.name() + " " + p.command() + " " + p.using() + " " + p.withCheck())
        .containsExactly("permissions_by_guild all (guild_id > 0) null",
            "permissions_insert insert null (min_rank_id >= 0)");
  }

  @Test
  void theRichSchemaHasEveryObjectKind() {
    Schema schema = fromPgCatalog.schema("public").orElseThrow();
    assertThat(schema.tables()).extracting(t -> t.name())
        .containsExactly("guild_members", "guild_permissions", "guilds", "users");
    assertThat(schema.views()).extracting(v -> v.name()).containsExactly("active_guilds", "guild_sizes");
    assertThat(schema.enums()).singleElement().satisfies(e ->
        assertThat(e.labels()).containsExactly("active", "archived", "banned"));
    assertThat(schema.sequences()).extracting(s -> s.name())
        .containsExactly("guilds_id_seq", "invoice_numbers");
    assertThat(fromPgCatalog.extensions()).extracting(e -> e.name()).containsExactly("pgcrypto");
    var permissions = schema.table("guild_permissions").orElseThrow();
    assertThat(permissions.rowLevelSecurity().enabled()).isTrue();
    assertThat(permissions.rowLevelSecurity().forced()).isTrue();
    assertThat(permissions.rowLevelSecurity().policyNames()).containsExactly("permissions_by_guild", "permissions_insert");
    assertThat(permissions.triggers()).singleElement().satisfies(t ->
        assertThat(t.function()).isEqualTo("soft_delete_permission()"));
    var guilds = schema.table("guilds").orElseThrow();
    assertThat(guilds.indexes()).anySatisfy(i -> {
      assertThat(i.name()).isEqualTo("ux_guilds_realm_name");
      assertThat(i.unique()).isTrue();
      assertThat(i.where()).isEqualTo("(deleted_at IS NULL)");
      assertThat(i.elements()).containsExactly("realm", "lower((name)::text)");
    });
    assertThat(guilds.column("name_length").orElseThrow().generated()).isEqualTo("length((name)::text)");
    assertThat(guilds.column("id").orElseThrow().defaultValue()).isEqualTo("nextval('guilds_id_seq'::regclass)");
    assertThat(schema.table("users").orElseThrow().column("updated_at").orElseThrow().type())
        .isEqualTo("timestamp(3) without time zone");
  }

  @Test
  void tablesAgree() {
    Schema pg = fromPgCatalog.schema("public").orElseThrow();
    Schema sc = fromSchemaCrawler.schema("public").orElseThrow();
    assertThat(sc.tables()).extracting(t -> t.name()).isEqualTo(pg.tables().stream().map(t -> t.name()).toList());
    for (int i = 0; i < pg.tables().size(); i++) {
      var a = pg.tables().get(i);
      var b = sc.tables().get(i);
      assertThat(b.columns()).as("columns of %s", a.name()).isEqualTo(a.columns());
      assertThat(b.primaryKey()).as("primary key of %s", a.name()).isEqualTo(a.primaryKey());
      assertThat(b.foreignKeys()).as("foreign keys of %s", a.name()).isEqualTo(a.foreignKeys());
      assertThat(b.indexes()).as("indexes of %s", a.name()).isEqualTo(a.indexes());
      assertThat(b.uniqueConstraints()).as("unique constraints of %s", a.name()).isEqualTo(a.uniqueConstraints());
      assertThat(b.checks()).as("checks of %s", a.name()).isEqualTo(a.checks());
      assertThat(b.triggers()).as("triggers of %s", a.name()).isEqualTo(a.triggers());
      assertThat(b.rowLevelSecurity()).as("row-level security of %s", a.name()).isEqualTo(a.rowLevelSecurity());
      assertThat(b.comment()).as("comment of %s", a.name()).isEqualTo(a.comment());
    }
  }

  @Test
  void viewsEnumsSequencesAndExtensionsAgree() {
    Schema pg = fromPgCatalog.schema("public").orElseThrow();
    Schema sc = fromSchemaCrawler.schema("public").orElseThrow();
    assertThat(sc.views()).isEqualTo(pg.views());
    assertThat(sc.enums()).isEqualTo(pg.enums());
    assertThat(sc.sequences()).isEqualTo(pg.sequences());
    assertThat(fromSchemaCrawler.extensions()).isEqualTo(fromPgCatalog.extensions());
  }

  @Test
  void wholeModelsAreEqual() {
    assertThat(ContractWriter.writeFiles(fromSchemaCrawler)).isEqualTo(ContractWriter.writeFiles(fromPgCatalog));
    assertThat(fromSchemaCrawler).isEqualTo(fromPgCatalog);
  }
}
