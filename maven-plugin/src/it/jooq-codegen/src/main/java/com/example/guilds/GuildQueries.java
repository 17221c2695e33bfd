package com.example.guilds;

import static com.example.guilds.jooq.Tables.GUILDS;
import static com.example.guilds.jooq.Tables.MEMBERS;

import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Result;

/** Code against the classes jOOQ generated from the migrated schema: it compiles only if both tables were there. */
public final class GuildQueries {

  private GuildQueries() {
  }

  public static Result<Record2<String, Integer>> membersPerGuild(DSLContext db) {
    return db.select(GUILDS.NAME, org.jooq.impl.DSL.count(MEMBERS.ID))
        .from(GUILDS).leftJoin(MEMBERS).on(MEMBERS.GUILD_ID.eq(GUILDS.ID))
        .groupBy(GUILDS.NAME)
        .fetch();
  }
}
