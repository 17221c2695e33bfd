package dev.schemakit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.model.Catalog;
import dev.schemakit.model.Column;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Origin;
import dev.schemakit.model.PrimaryKey;
import dev.schemakit.model.Schema;
import dev.schemakit.model.Table;
import dev.schemakit.report.SchemaDiagram.Mark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Mermaid drawing: what is drawn, how it is marked, where it is cut. (Mermaid itself draws it in the cli tests.) */
class SchemaDiagramTests {

  static final Origin HERE = new Origin("public.yaml", 1, 1);

  /** A table with an id, and a foreign key to {@code parent} when given. */
  static Table table(String name, String parent) {
    List<Column> columns = new ArrayList<>(List.of(Column.of("id", "bigint")));
    List<ForeignKey> keys = new ArrayList<>();
    if (parent != null) {
      columns.add(Column.of(parent + "_id", "bigint"));
      keys.add(new ForeignKey(null, List.of(parent + "_id"), "public", parent, List.of("id"), null, null, null, null,
          HERE));
    }
    return new Table(name, columns, new PrimaryKey(null, List.of("id"), HERE), keys, List.of(), List.of(), List.of(),
        List.of(), null, null, null, true, HERE);
  }

  static Catalog catalog(List<Table> tables) {
    return new Catalog(List.of(new Schema("public", tables, List.of(), List.of(), List.of(), false, HERE)), List.of());
  }

  @Test
  void theMarkedTablesTheirNeighboursOneLevelOutAndTheKeysBetweenThem() {
    Catalog catalog = catalog(List.of(table("guilds", null), table("members", "guilds"), table("ranks", "members"),
        table("realms", null)));

    SchemaDiagram diagram = SchemaDiagram.of(catalog, null, Map.of("public.members", Mark.CHANGED),
        Map.of("public.members.guilds_id", Mark.ADDED), 30);

    assertThat(diagram.tables()).containsExactly("public.members", "public.guilds", "public.ranks");
    assertThat(diagram.mermaid()).startsWith("erDiagram\n  t_public_members[\"members (changed)\"] {\n"
        + "    bigint id PK\n    bigint guilds_id FK \"added\"\n  }\n")
        .contains("  t_public_members }o--o| t_public_guilds : \"guilds_id\"\n",
            "  t_public_ranks }o--o| t_public_members : \"members_id\"\n")
        .doesNotContain("realms");
    assertThat(diagram.leftOut()).isZero();
  }

  @Test
  void aLargeDrawingIsCutToTheMarkedTablesAndSaysHowManyWereLeftOut() {
    List<Table> tables = new ArrayList<>(List.of(table("hub", null)));
    for (int i = 0; i < 40; i++) {
      tables.add(table("spoke" + i, "hub"));
    }

    SchemaDiagram diagram = SchemaDiagram.of(catalog(tables), null, Map.of("public.hub", Mark.CHANGED), Map.of(), 30);

    assertThat(diagram.tables()).containsExactly("public.hub");
    assertThat(diagram.leftOut()).isEqualTo(40);
    assertThat(diagram.legend()).endsWith("40 table(s) left out to keep the drawing readable, none of them marked.");
  }

  @Test
  void aWholeSchemaPutsTheMarkedTablesFirstWhenItIsCut() {
    List<Table> tables = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      tables.add(table("t" + i, null));
    }

    SchemaDiagram diagram = SchemaDiagram.whole(catalog(tables), Map.of("public.t49", Mark.DRIFTED), Map.of(), 40);

    assertThat(diagram.tables()).hasSize(40).startsWith("public.t49");
    assertThat(diagram.mermaid()).contains("t_public_t49[\"t49 (drifted)\"]");
    assertThat(diagram.legend()).endsWith("10 table(s) left out to keep the drawing readable, none of them marked.");
  }

  @Test
  void typesAndNamesBecomeWordsMermaidReads() {
    Table odd = new Table("odd", List.of(Column.of("2nd value", "numeric(12,2)"), Column.of("x", "character varying(40)")),
        null, List.of(), List.of(), List.of(), List.of(), List.of(), null, null, null, true, HERE);

    String mermaid = SchemaDiagram.whole(catalog(List.of(odd)), Map.of(), Map.of(), 40).mermaid();

    assertThat(mermaid).contains("    numeric(12_2) _2nd_value\n", "    varchar(40) x\n");
  }
}
