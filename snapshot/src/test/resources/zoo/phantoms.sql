create table accounts (
  id bigint primary key,
  email text not null,
  archived boolean not null default false,
  deleted_at timestamptz,
  score integer,
  balance numeric(12, 2),
  kind text not null default 'user'
);
create index accounts_live on accounts (email) where deleted_at is null and not archived;
create index accounts_kinds on accounts (kind) where kind = 'admin' or kind = 'owner' or deleted_at is not null;
alter table accounts add constraint accounts_score_check check (coalesce(score, 0) >= 0);
alter table accounts add constraint accounts_balance_check check (balance >= 0 and balance < 1000000 or kind = 'bank');
create view active_accounts as select id, email from accounts where not archived and deleted_at is null;
alter table accounts add constraint accounts_balance_known check (coalesce(balance, 0) >= 0);
create view account_emails as
  select a.id, lower(a.email) as email from accounts a where a.kind in ('user', 'admin') order by a.id;
