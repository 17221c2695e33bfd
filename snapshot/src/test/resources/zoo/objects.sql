-- Objects real PostgreSQL services use, beyond tables and indexes: one of each kind the contracts hold.
create extension if not exists btree_gist;
do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'zoo_app') then create role zoo_app; end if;
  if not exists (select 1 from pg_roles where rolname = 'zoo_admin') then create role zoo_admin; end if;
end $$;

create domain email as text not null check (value ~ '^[^@]+@[^@]+$');
create domain positive_amount as numeric(12, 2) default 0 check (value >= 0);

create sequence invoice_numbers start with 1000 increment by 1 cache 20;

create table tenants (id bigint primary key, name text not null);
create table accounts (
  id bigserial primary key,
  tenant_id bigint not null references tenants (id),
  email email,
  balance positive_amount,
  invoice_no bigint not null default nextval('invoice_numbers')
);
alter sequence invoice_numbers owned by accounts.invoice_no;

alter table accounts enable row level security;
create policy tenant_rows on accounts for select to zoo_app
  using (tenant_id = current_setting('app.tenant_id')::bigint and balance >= 0);
create policy admins_write on accounts as restrictive for update to zoo_admin, zoo_app
  using (true) with check (balance >= 0);

create table bookings (
  id bigint primary key,
  room int not null,
  during tstzrange not null,
  constraint bookings_no_overlap exclude using gist (room with =, during with &&)
);

create table readings (
  sensor int not null,
  measured_at timestamptz not null,
  value numeric
) partition by range (measured_at);
create table readings_2026_01 partition of readings for values from ('2026-01-01 00:00:00+00') to ('2026-02-01 00:00:00+00');
create table readings_2026_02 partition of readings for values from ('2026-02-01 00:00:00+00') to ('2026-03-01 00:00:00+00');
create index readings_sensor on readings (sensor, measured_at);

create function touch_account() returns trigger language plpgsql as $$
begin
  -- keep the tenant: a row never moves
  new.tenant_id := old.tenant_id;
  return new;
end;
$$;
create trigger accounts_touch before update on accounts for each row execute function touch_account();

create function account_count(p_tenant bigint) returns bigint language sql stable
  as $$ select count(*) from accounts where tenant_id = p_tenant $$;

create procedure close_tenant(p_tenant bigint) language plpgsql security definer as $$
begin
  delete from accounts where tenant_id = p_tenant;
end;
$$;
