-- names that need quoting in every element: a schema with a space, reserved words, mixed case, a dot
create schema "Sales Ops";
create type "Sales Ops"."Order Status" as enum ('open', 'shipped');
create table "Sales Ops"."Order" (
  "OrderId" bigint primary key,
  "user" text not null,
  "offset" integer not null default 0,
  "select" text,
  "a.b" text,
  "Deleted At" timestamptz,
  status "Sales Ops"."Order Status" not null default 'open',
  constraint "Order_user_select_key" unique ("user", "select"),
  constraint "offset is positive" check ("offset" >= 0)
);
comment on column "Sales Ops"."Order"."offset" is 'where the reader stopped';
create index "Order_offset" on "Sales Ops"."Order" ("offset");
create index "Order_open_user" on "Sales Ops"."Order" ("user") where "Deleted At" is null;
create index "Order_lower_select" on "Sales Ops"."Order" (lower("select"));
create table "Sales Ops"."Line" (
  "order" bigint not null,
  "group" integer not null,
  primary key ("order", "group")
);
create table "Sales Ops"."Shipment" (
  id int primary key,
  "order" bigint not null,
  "group" integer not null,
  foreign key ("order", "group") references "Sales Ops"."Line" ("order", "group") on delete cascade
);
create sequence "Sales Ops"."Line seq" owned by "Sales Ops"."Line"."group";
create view "Sales Ops"."Open Orders" as select "OrderId", "user" from "Sales Ops"."Order" where "Deleted At" is null;
create function "Sales Ops"."touch Order"() returns trigger language plpgsql as $$
begin new."offset" := new."offset" + 1; return new; end $$;
create trigger "Order touch" before update on "Sales Ops"."Order" for each row execute function "Sales Ops"."touch Order"();
alter table "Sales Ops"."Order" enable row level security;
create policy "own Orders" on "Sales Ops"."Order" using ("user" = current_user);
