-- Guilds are soft-deleted (deleted_at); a name is unique per realm among the guilds not deleted.
CREATE TABLE guilds (
  id         serial PRIMARY KEY,
  name       varchar(100) NOT NULL,
  realm      varchar(50) NOT NULL,
  gm_bnet_id integer REFERENCES users (bnet_id),
  deleted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_guilds_name ON guilds (name);
CREATE INDEX ix_guilds_realm ON guilds (realm);
CREATE INDEX ix_guilds_gm_bnet_id ON guilds (gm_bnet_id);
CREATE UNIQUE INDEX ux_guilds_realm_name ON guilds (realm, name) WHERE deleted_at IS NULL;
