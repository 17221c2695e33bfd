-- as Hibernate writes it: the join to a person references the person table
create table party (id bigint primary key, name varchar(255));
create table person (id bigint primary key references party (id), email varchar(255));
create table ticket (id bigint primary key, holder_id bigint references person (id));
create view party_directory as
  select party.id, party.name, person.email from party left join person on person.id = party.id;
