-- an index on a live table, built without blocking writes
create index concurrently accounts_email on accounts (email);
