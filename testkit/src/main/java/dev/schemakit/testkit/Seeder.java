package dev.schemakit.testkit;

/**
 * Puts rows into the seeded template of a {@link MigrationTest} class, once, in code: for rows a script cannot
 * write well (generated in bulk, read from a file, made by the application's own classes). Named in
 * {@code @MigrationTest(seeder = ...)}; needs a constructor without parameters.
 *
 * <pre>{@code
 * public class TenThousandMembers implements Seeder {
 *   public void seed(MigratedDatabase db) {
 *     db.execute("insert into members(name) select 'member ' || n from generate_series(1, 10000) n");
 *   }
 * }
 * }</pre>
 *
 * <p>The template is cached by the seeder's class file (with the seed scripts and the migrations): changing the
 * class rebuilds it. What the seeder reads from elsewhere (a file, the time) is not in that hash; a seeder should
 * give the same rows every time.
 */
@FunctionalInterface
public interface Seeder {

  /**
   * Puts the rows in. The database is at the class's version and must stay there.
   *
   * @throws Exception any failure: the class fails with it, and no template is kept
   */
  void seed(MigratedDatabase database) throws Exception;
}
