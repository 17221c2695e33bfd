--liquibase formatted sql

--changeset library:2
create table loans (
  id bigint primary key,
  book_id bigint not null references books (id),
  due date not null
);
--rollback drop table loans;
