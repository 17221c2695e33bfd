-- what the deployment makes before Flyway: roles (the server's, so made only when missing), a schema owned by
-- one of them, an extension
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'ledger_owner') then
    create role ledger_owner;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'ledger_reader') then
    create role ledger_reader;
  end if;
end $$;
create schema if not exists ledger authorization ledger_owner;
create extension if not exists btree_gist;
