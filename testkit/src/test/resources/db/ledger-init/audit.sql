-- a second set-up, for another class on the same server: a schema and a role of its own
create schema if not exists audit;
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'audit_writer') then
    create role audit_writer;
  end if;
end $$;
grant usage on schema audit to audit_writer;
