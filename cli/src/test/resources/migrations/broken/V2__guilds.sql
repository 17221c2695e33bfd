-- a typo in a type name
CREATE TABLE guilds (
  id    integer PRIMARY KEY,
  realm integr REFERENCES realms (id)
);
