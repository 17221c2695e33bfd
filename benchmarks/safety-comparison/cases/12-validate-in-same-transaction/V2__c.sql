alter table accounts add constraint accounts_score check (score >= 0) not valid;
alter table accounts validate constraint accounts_score;
