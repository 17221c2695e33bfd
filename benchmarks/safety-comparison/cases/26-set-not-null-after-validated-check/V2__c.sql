alter table accounts add constraint accounts_nickname_nn check (nickname is not null) not valid;
