DROP POLICY guild_isolation ON guild_permissions;
ALTER TABLE guild_permissions DISABLE ROW LEVEL SECURITY;
