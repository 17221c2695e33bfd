create table contract_transaction (
  consensus_timestamp bigint primary key,
  contract_ids bigint[] not null,
  node_contributions jsonb not null
);
