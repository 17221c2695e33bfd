package dev.schemakit.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.model.Catalog;
import dev.schemakit.model.Column;
import dev.schemakit.model.Origin;
import dev.schemakit.model.Schema;
import dev.schemakit.model.Table;
import dev.schemakit.report.Reports;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The diff on models built in code, with no reader at all: what this module does alone. (The diff over contracts
 * read from YAML is tested in schemakit-contracts, over live databases in schemakit-snapshot.)
 */
class SchemaDiffOnModelsTests {

  static final Origin CONTRACT = new Origin("public.yaml", 3, 5);

  static Table table(String name, boolean strict, Column... columns) {
    return new Table(name, List.of(columns), null, List.of(), List.of(), List.of(), List.of(), List.of(), null, null,
        null, strict, CONTRACT);
  }

  static Catalog catalog(Table... tables) {
    return new Catalog(List.of(new Schema("public", List.of(tables), List.of(), List.of(), List.of(), false, CONTRACT)),
        List.of());
  }

  @Test
  void equalModelsPassAndNameWhatWasCompared() {
    Catalog model = catalog(table("guilds", false, Column.of("id", "bigint"), Column.of("name", "text")));

    DiffResult result = SchemaDiff.compare(model, model);

    assertThat(result.passed()).isTrue();
    assertThat(result.findings()).isEmpty();
    assertThat(result.subjects()).contains("public.guilds");
  }

  @Test
  void typeAliasesAreTheSameTypeAndAMismatchNamesBothAndTheContractLine() {
    Column name = new Column("name", "varchar(50)", true, null, null, null, null, new Origin("public.yaml", 7, 9));
    Catalog contract = catalog(table("guilds", false, Column.of("id", "int8"), name));
    Catalog database = catalog(table("guilds", false, Column.of("id", "bigint"),
        Column.of("name", "character varying(100)")));

    DiffResult result = SchemaDiff.compare(contract, database);

    assertThat(result.findings()).extracting(Finding::code).containsExactly(FindingCode.COLUMN_TYPE_MISMATCH);
    assertThat(Reports.text(result)).contains("public.guilds.name has type character varying(100), contract expects"
        + " varchar(50) (public.yaml:7:9)");
  }

  @Test
  void aMissingTableIsAnErrorAndAnUnlistedColumnOnlyInAStrictTable() {
    Catalog database = catalog(table("guilds", false, Column.of("id", "bigint"), Column.of("motto", "text")));

    DiffResult partial = SchemaDiff.compare(catalog(table("guilds", false, Column.of("id", "bigint"))), database);
    DiffResult strict = SchemaDiff.compare(catalog(table("guilds", true, Column.of("id", "bigint"))), database);
    DiffResult missing = SchemaDiff.compare(catalog(table("members", false, Column.of("id", "bigint"))), database);

    assertThat(partial.passed()).isTrue();
    assertThat(strict.findings()).extracting(Finding::code).containsExactly(FindingCode.COLUMN_UNEXPECTED);
    assertThat(missing.passed()).isFalse();
    assertThat(missing.findings()).extracting(Finding::code).containsExactly(FindingCode.TABLE_MISSING);
  }
}
