-- The schema the entity fixtures are read against (dev.schemakit.entity.fixtures.*).
CREATE TABLE users (
  bnet_id       integer PRIMARY KEY,
  bnet_username varchar(64) NOT NULL,
  last_login    timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE guilds (
  id             serial PRIMARY KEY,
  name           varchar(100) NOT NULL,
  realm          varchar(50) NOT NULL,
  gm_bnet_id     integer REFERENCES users (bnet_id),
  status         varchar(20) NOT NULL,
  tier           smallint NOT NULL,
  bank_gold      numeric(12,2),
  motto_text     text,
  motto_language char(2),
  version        bigint NOT NULL,
  deleted_at     timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_guilds_name ON guilds (name);
CREATE INDEX ix_guilds_realm ON guilds (realm);
CREATE UNIQUE INDEX ux_guilds_realm_name ON guilds (realm, name) WHERE deleted_at IS NULL;

CREATE TABLE guild_members (
  character_name varchar(40) PRIMARY KEY,
  guild_id       integer NOT NULL REFERENCES guilds (id) ON DELETE CASCADE,
  bnet_id        integer REFERENCES users (bnet_id),
  rank_id        integer NOT NULL,
  rank_name      varchar(255),
  last_sync      timestamp
);
CREATE INDEX ix_guild_members_guild_id ON guild_members (guild_id);
CREATE INDEX ix_guild_members_bnet_id ON guild_members (bnet_id);

CREATE SEQUENCE permission_seq INCREMENT 1;
CREATE TABLE guild_permissions (
  id          bigint PRIMARY KEY DEFAULT nextval('permission_seq'),
  guild_id    integer NOT NULL REFERENCES guilds (id),
  tool_name   varchar(64) NOT NULL,
  min_rank_id integer NOT NULL,
  enabled     boolean NOT NULL DEFAULT true,
  external_id uuid UNIQUE
);
CREATE INDEX ix_guild_permissions_guild_id ON guild_permissions (guild_id);
