insert into members (name) values ('ada');

insert into members (name, nickname)
  values ('grace', 'g');
