package db.javachain;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** A Java migration between two SQL ones: V3 indexes the column this one adds and fills. */
public class V2__Backfill_nicknames extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    try (Statement statement = context.getConnection().createStatement()) {
      statement.execute("alter table accounts add column nickname text");
      statement.execute("update accounts set nickname = split_part(email, '@', 1)");
    }
  }
}
