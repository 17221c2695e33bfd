alter table accounts add constraint accounts_nickname_key unique (nickname);
