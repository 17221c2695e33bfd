alter table members add column email text;
create unique index members_email_key on members (lower(email)) where email is not null;
