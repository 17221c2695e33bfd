CREATE TABLE legacy_exports (
  id      INTEGER PRIMARY KEY,
  payload BLOB
);
