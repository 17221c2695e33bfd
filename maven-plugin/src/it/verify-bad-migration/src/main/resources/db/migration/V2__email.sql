-- a typo in a type
alter table accounts
  add column email varchr(255);
