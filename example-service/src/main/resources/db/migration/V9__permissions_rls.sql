-- The tools service connects as one role per request context: it sees only the permissions of the guild
-- set in app.guild_id.
ALTER TABLE guild_permissions ENABLE ROW LEVEL SECURITY;
CREATE POLICY guild_isolation ON guild_permissions
  USING (guild_id = current_setting('app.guild_id', true)::integer);
