CREATE TABLE a (id integer PRIMARY KEY, name text);
