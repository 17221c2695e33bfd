CREATE TABLE realms (id integer PRIMARY KEY);
