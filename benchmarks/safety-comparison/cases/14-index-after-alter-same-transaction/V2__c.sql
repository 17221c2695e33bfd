alter table accounts add column level integer;
create index accounts_email_lower on accounts (lower(email));
