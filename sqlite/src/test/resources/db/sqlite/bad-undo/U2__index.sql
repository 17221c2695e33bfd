DROP INDEX ix_members_name;
