CREATE TABLE guilds (
  id         serial PRIMARY KEY,
  name       varchar(100) NOT NULL,
  realm      varchar(50) NOT NULL,
  gm_bnet_id integer REFERENCES users (bnet_id),
  deleted_at timestamptz
);
CREATE INDEX ix_guilds_realm ON guilds (realm);
