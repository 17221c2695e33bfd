DROP TABLE legacy_exports;
DROP TABLE snapshots;
DROP TABLE members;
DROP TABLE users;
