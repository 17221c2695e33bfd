alter table accounts add constraint accounts_score check (score >= 0);
