CREATE TABLE war_log_v1 (
  id      INTEGER PRIMARY KEY,
  payload TEXT
);
