alter table accounts alter column email type text;
create index accounts_email on accounts (email);
