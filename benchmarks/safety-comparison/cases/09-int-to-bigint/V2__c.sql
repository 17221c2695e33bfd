alter table accounts alter column score type bigint;
