-- snapshots get a real foreign key to the player, backfilled by name ignoring case; names that match no
-- player (former members) stay NULL. ClanBackfillTests holds the match rate.
ALTER TABLE member_snapshots ADD COLUMN player_id INTEGER REFERENCES players (id) ON DELETE SET NULL;
CREATE INDEX ix_member_snapshots_player_id ON member_snapshots (player_id) WHERE player_id IS NOT NULL;
UPDATE member_snapshots
   SET player_id = (SELECT p.id FROM players p WHERE lower(p.name) = lower(member_snapshots.member_name));
