--liquibase formatted sql

--changeset alice:2
create table orders (
  id bigint primary key,
  customer_id bigint not null references customers (id),
  total numeric(12, 2) not null default 0
);
--rollback drop table orders;
