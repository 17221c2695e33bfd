-- second statement has a typo
insert into things values (1);
alter table things
  add colum label text;
