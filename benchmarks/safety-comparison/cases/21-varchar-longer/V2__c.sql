alter table accounts alter column nickname type varchar(80);
