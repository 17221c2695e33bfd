-- V1 (create table things) was deleted by accident
alter table things
  add column label text;
