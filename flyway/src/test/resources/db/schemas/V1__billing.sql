create schema billing;
create table customers (id bigint primary key, email text not null);
create table billing.invoices (
  id bigint primary key,
  customer_id bigint not null references customers (id),
  amount numeric(12, 2) not null check (amount >= 0)
);
