create index accounts_nickname on accounts (nickname);
