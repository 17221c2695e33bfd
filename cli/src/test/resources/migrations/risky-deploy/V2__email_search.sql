-- case-insensitive search on email
alter table accounts alter column email type text;
create index accounts_email_lower on accounts (lower(email));
