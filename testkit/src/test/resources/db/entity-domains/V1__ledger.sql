create domain nanos_timestamp as bigint;
create domain positive_nanos as nanos_timestamp check (value > 0);
create domain short_text as varchar(100);
create table ledger (
  id bigint primary key,
  consensus_end nanos_timestamp not null,
  consensus_start positive_nanos not null,
  memo short_text
);
