-- Members get a real foreign key to their account, backfilled by matching the battletag the game
-- reports with the account name, case-insensitively. Members without a match keep NULL; the
-- BackfillTests hold the match rate.
ALTER TABLE guild_members ADD COLUMN bnet_id integer REFERENCES users (bnet_id);
CREATE INDEX ix_guild_members_bnet_id ON guild_members (bnet_id);

UPDATE guild_members m
   SET bnet_id = u.bnet_id
  FROM users u
 WHERE lower(m.battletag) = lower(u.bnet_username);
