package dev.schemakit.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.database.ScratchDatabases;
import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.SchemaDiff;
import dev.schemakit.model.Catalog;
import dev.schemakit.yaml.ContractReader;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A contract written by hand, in the words a person uses, against what PostgreSQL stores: equal things must not
 * be drift (commutative AND/OR operands in another order, implicit casts, a view's definition as written), and a
 * real change must still be.
 */
class PhantomDriftTests {

  static DataSource dataSource;
  static Catalog snapshot;

  @BeforeAll
  static void migrate() throws Exception {
    dataSource = ScratchDatabases.createFrom("phantoms", "zoo/phantoms.sql");
    snapshot = SnapshotReader.forPostgres().read(dataSource, List.of("public"));
  }

  static DiffResult compare(String contract) throws Exception {
    return compare(contract, false);
  }

  /** Read-only as the live {@code check} connects: the server parses and plans, nothing is created. */
  static DiffResult compare(String contract, boolean readOnly) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      if (readOnly) {
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
      }
      try {
        return SchemaDiff.compare(ContractReader.read(Map.of("contract.yaml", contract)), snapshot,
            new PostgresExpressionNormalizer(connection));
      } finally {
        if (readOnly) {
          connection.rollback();
        }
      }
    }
  }

  static final String AS_A_PERSON_WRITES_IT = """
      tables:
        accounts:
          columns: { id: {}, email: {}, archived: {}, deleted_at: {}, score: {}, balance: {}, kind: {} }
          indexes:
            - { name: accounts_live, columns: [email], where: "not archived and deleted_at is null" }
            - { name: accounts_kinds, columns: [kind], where: "deleted_at is not null or kind = 'owner' or kind = 'admin'" }
          checks:
            - { expression: "coalesce(score, 0) >= 0" }
            - { name: accounts_balance_check, expression: "kind = 'bank' or (balance < 1000000 and balance >= 0)" }
            - { name: accounts_balance_known, expression: "coalesce(balance, 0) >= 0" }
      views:
        active_accounts:
          definition: "SELECT id, email FROM accounts WHERE NOT archived AND deleted_at IS NULL"
        account_emails:
          definition: |
            SELECT a.id, lower(a.email) AS email
            FROM accounts a
            WHERE a.kind = ANY (ARRAY['user', 'admin'])
            ORDER BY a.id;
      """;

  @Test
  void equalThingsWrittenAsAPersonWritesThemAreNotDrift() throws Exception {
    assertThat(compare(AS_A_PERSON_WRITES_IT).findings()).isEmpty();
  }

  @Test
  void theReadOnlyCheckOfALiveDatabaseSeesThemEqualToo() throws Exception {
    assertThat(compare(AS_A_PERSON_WRITES_IT, true).findings()).isEmpty();
  }

  @Test
  void realChangesAreStillDriftWithTheirLine() throws Exception {
    DiffResult result = compare(AS_A_PERSON_WRITES_IT
        .replace("where: \"not archived and deleted_at is null\"", "where: \"not archived or deleted_at is null\"")
        .replace("(balance < 1000000 and balance >= 0)", "(balance < 1000000 and balance > 0)")
        .replace("coalesce(score, 0) >= 0", "coalesce(score, 1) >= 0")
        .replace("WHERE NOT archived AND deleted_at IS NULL", "WHERE NOT archived AND deleted_at IS NOT NULL")
        .replace("ARRAY['user', 'admin']", "ARRAY['user', 'owner']"));
    assertThat(result.findings()).extracting(f -> f.code().name() + " " + f.path() + " " + f.origin())
        .containsExactlyInAnyOrder(
            "INDEX_MISMATCH public.accounts.accounts_live contract.yaml:5:9",
            "CHECK_MISSING public.accounts.check(coalesce(score, 1) >= 0) contract.yaml:8:9",
            "CHECK_MISMATCH public.accounts.accounts_balance_check contract.yaml:9:9",
            "VIEW_MISMATCH public.active_accounts.definition contract.yaml:13:5",
            "VIEW_MISMATCH public.account_emails.definition contract.yaml:15:5");
  }

  /** In the live check's read-only transaction too: the server's own error, and the comparison goes on after it. */
  @Test
  void aViewQueryTheServerCannotParseIsNamedWithItsError() throws Exception {
    DiffResult result = compare(AS_A_PERSON_WRITES_IT.replace(
        "WHERE NOT archived AND deleted_at IS NULL", "WHERE NOT archivd AND deleted_at IS NULL"), true);
    assertThat(result.findings()).extracting(f -> f.code().name() + " " + f.path() + " " + f.origin())
        .containsExactly("EXPRESSION_INVALID public.active_accounts.definition contract.yaml:13:5",
            "VIEW_MISMATCH public.active_accounts.definition contract.yaml:13:5");
    assertThat(result.findings().get(0).message()).contains("column \"archivd\" does not exist")
        .doesNotContain("current transaction is aborted");
  }

  @Test
  void operandsSortAtEveryLevelAndKeepTheirGrouping() {
    assertThat(dev.schemakit.diff.SqlText.canonical("(b and (d or c)) or a"))
        .isEqualTo(dev.schemakit.diff.SqlText.canonical("a or ((c or d) and b)"))
        .isNotEqualTo(dev.schemakit.diff.SqlText.canonical("(b and d) or c or a"));
    assertThat(dev.schemakit.diff.SqlText.canonical("not (y or x) and kind = 'a and b'"))
        .isEqualTo("kind = 'a and b' and not (x or y)");
  }
}
