-- data migration: every member gets a user named after it
insert into users (login) select distinct name from members;
update members m set user_id = u.id from users u where u.login = m.name;
