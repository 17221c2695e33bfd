create table transfer (consensus_timestamp bigint not null, amount bigint not null) partition by range (consensus_timestamp);
create table transfer_p1 partition of transfer for values from (0) to (1000000);
create unique index transfer_id on transfer (consensus_timestamp);
create table transaction_hash (hash bytea not null, consensus_timestamp bigint not null);
create table ledger_entry (id bigint primary key, ledger_id bigint);
