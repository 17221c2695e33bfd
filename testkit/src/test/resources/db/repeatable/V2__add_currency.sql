alter table items add column currency char(3) not null default '${currency}';
