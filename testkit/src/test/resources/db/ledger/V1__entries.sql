-- the schema and the roles come from the deployment's set-up (init/roles.sql of the migrations tests), not from the chain
create table ledger.entries (id bigint primary key, during tstzrange not null,
  exclude using gist (id with =, during with &&));
grant select on ledger.entries to ledger_reader;
