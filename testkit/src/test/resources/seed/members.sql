-- three members at version 3, before user ids are backfilled
insert into members (name, email) values ('ada', 'ada@example.org');
insert into members (name, email) values ('grace', 'grace@example.org'), ('ada', null);
