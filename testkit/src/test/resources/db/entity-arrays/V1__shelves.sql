create table shelves (
  id bigint primary key,
  positions bigint[],
  heights integer[],
  scanners uuid[],
  labels text[],
  photo bytea
);
