alter table accounts add column seen_at timestamptz not null default now();
