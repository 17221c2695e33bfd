-- snapshots get the user they belong to, matched by name ignoring case; unmatched ones stay NULL
ALTER TABLE snapshots ADD COLUMN user_id INTEGER REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX ix_snapshots_user_id ON snapshots (user_id) WHERE user_id IS NOT NULL;
UPDATE snapshots
   SET user_id = (SELECT u.id FROM users u WHERE lower(u.name) = lower(snapshots.member_name));
