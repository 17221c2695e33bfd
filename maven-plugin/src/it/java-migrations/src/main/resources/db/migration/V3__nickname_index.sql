-- needs the column the Java migration V2 adds
create unique index accounts_nickname on accounts (nickname);
