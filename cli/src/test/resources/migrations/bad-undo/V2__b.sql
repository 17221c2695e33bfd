CREATE TABLE b (id integer PRIMARY KEY);
CREATE INDEX ix_a_name ON a (name);
