alter table accounts alter column email type text;
