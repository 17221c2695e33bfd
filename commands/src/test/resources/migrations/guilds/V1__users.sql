CREATE TABLE users (
  bnet_id       integer PRIMARY KEY,
  bnet_username varchar(64) NOT NULL
);
