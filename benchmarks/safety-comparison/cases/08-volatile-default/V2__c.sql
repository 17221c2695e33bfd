alter table accounts add column token uuid default gen_random_uuid();
