alter table accounts validate constraint accounts_nickname_nn;
