package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Adds the nickname column and fills it from the e-mail addresses; V3 indexes it. */
public class V2__Backfill_nicknames extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    try (Statement statement = context.getConnection().createStatement()) {
      statement.execute("alter table accounts add column nickname text");
      statement.execute("update accounts set nickname = split_part(email, '@', 1)");
    }
  }
}
