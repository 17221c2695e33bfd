-- the bug: only members whose name starts with 'a' get a user
insert into users (login) select distinct name from members where name like 'a%';
update members m set user_id = u.id from users u where u.login = m.name;
