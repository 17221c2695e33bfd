def log = new File(basedir, 'build.log').text
// V1 is released (schemakit.lock); V2 runs on a seeded database at version 1
assert log.contains('DISPROVED ALTER_COLUMN_TYPE V2__email_index.sql:1')
assert log.contains('[ERROR] ERROR INDEX_NOT_CONCURRENT V2__email_index.sql:2')
assert log.contains('[ERROR]   statement: create index accounts_email on accounts (email)')
assert log.contains('[INFO] DISPROVED ALTER_COLUMN_TYPE')
assert !log.contains('reports in')
assert log.contains('measured: ACCESS EXCLUSIVE lock on public.accounts, full scan of 300 rows (confirmed)')
assert log.contains('deploy safety of 1 unreleased migration(s) (static and dynamic): 1 error(s), 0 warning(s), 1 disproved')
assert log.contains('schemakit lint found problems')
