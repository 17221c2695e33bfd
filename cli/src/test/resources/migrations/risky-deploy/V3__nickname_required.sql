-- schemakit:allow RENAME_COLUMN the running version reads handle through a view since 2.3
alter table accounts rename column nickname to handle;
alter table accounts alter column handle set not null;
