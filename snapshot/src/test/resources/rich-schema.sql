-- A schema that exercises every object kind of the model (used by the snapshot reader tests).
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TYPE guild_status AS ENUM ('active', 'archived', 'banned');

CREATE SEQUENCE invoice_numbers INCREMENT BY 5 MINVALUE 100 MAXVALUE 100000 CYCLE;

CREATE TABLE users (
  bnet_id       integer PRIMARY KEY,
  bnet_username varchar(100) NOT NULL,
  last_login    timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP,
  balance       numeric(12, 2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
  tags          text[],
  token         uuid DEFAULT gen_random_uuid(),
  CONSTRAINT users_username_key UNIQUE (bnet_username)
);
COMMENT ON TABLE users IS 'Battle.net accounts';
COMMENT ON COLUMN users.bnet_id IS 'Battle.net account id';

CREATE TABLE guilds (
  id          serial PRIMARY KEY,
  name        varchar(255) NOT NULL,
  realm       varchar(255) NOT NULL,
  gm_bnet_id  integer NOT NULL REFERENCES users (bnet_id) ON DELETE RESTRICT ON UPDATE CASCADE,
  status      guild_status NOT NULL DEFAULT 'active',
  deleted_at  timestamptz,
  name_length integer GENERATED ALWAYS AS (length(name)) STORED,
  CONSTRAINT guilds_name_not_blank CHECK (length(name) > 0)
);
CREATE INDEX ix_guilds_name ON guilds (name);
CREATE INDEX ix_guilds_realm ON guilds USING hash (realm);
CREATE UNIQUE INDEX ux_guilds_realm_name ON guilds (realm, lower(name)) WHERE deleted_at IS NULL;

CREATE TABLE guild_members (
  character_name varchar(64) PRIMARY KEY,
  guild_id       integer NOT NULL,
  bnet_id        integer,
  rank_id        smallint NOT NULL DEFAULT 9,
  last_sync      timestamptz,
  CONSTRAINT fk_members_guild FOREIGN KEY (guild_id) REFERENCES guilds (id) ON DELETE CASCADE
    DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT fk_members_user FOREIGN KEY (bnet_id) REFERENCES users (bnet_id) ON DELETE SET NULL
);
CREATE INDEX ix_members_guild ON guild_members (guild_id);
CREATE INDEX ix_members_user ON guild_members (bnet_id) WHERE bnet_id IS NOT NULL;

CREATE TABLE guild_permissions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  guild_id    integer NOT NULL REFERENCES guilds (id),
  tool_name   text NOT NULL,
  min_rank_id smallint NOT NULL,
  enabled     boolean NOT NULL DEFAULT true,
  is_deleted  boolean NOT NULL DEFAULT false,
  CONSTRAINT guild_permissions_tool_key UNIQUE (guild_id, tool_name)
);

CREATE FUNCTION soft_delete_permission() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE guild_permissions SET is_deleted = true WHERE id = OLD.id;
  RETURN NULL;
END $$;
CREATE TRIGGER trg_permissions_soft_delete BEFORE DELETE ON guild_permissions
  FOR EACH ROW EXECUTE FUNCTION soft_delete_permission();
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END $$;
CREATE TRIGGER trg_users_touch BEFORE INSERT OR UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION touch();

ALTER TABLE guild_permissions ENABLE ROW LEVEL SECURITY;
ALTER TABLE guild_permissions FORCE ROW LEVEL SECURITY;
CREATE POLICY permissions_by_guild ON guild_permissions USING (guild_id > 0);
CREATE POLICY permissions_insert ON guild_permissions FOR INSERT WITH CHECK (min_rank_id >= 0);

CREATE VIEW active_guilds AS SELECT id, name, realm FROM guilds WHERE deleted_at IS NULL;
CREATE MATERIALIZED VIEW guild_sizes AS
  SELECT guild_id, count(*) AS members FROM guild_members GROUP BY guild_id;
COMMENT ON VIEW active_guilds IS 'Guilds that are not soft-deleted';
