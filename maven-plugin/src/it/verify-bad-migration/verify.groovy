def log = new File(basedir, 'build.log').text
// one clear error at [ERROR], and a way to see more that a Maven user can use
assert log.contains("[ERROR] schemakit verify: Migrating a new database on the embedded PostgreSQL")
assert log.contains("failed in V2__email.sql")
assert log.contains('ERROR: type "varchr" does not exist')
assert log.contains('(<verbose>true</verbose> or -Dschemakit.verbose shows more)')
assert !log.contains('--verbose')
