alter table accounts rename column nickname to handle;
