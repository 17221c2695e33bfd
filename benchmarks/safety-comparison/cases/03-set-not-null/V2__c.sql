alter table accounts alter column nickname set not null;
