def log = new File(basedir, 'build.log').text
// one clear error at [ERROR], and a way to see more that a Maven user can use
assert log.count("[ERROR] schemakit verify: Migrating a new database on the embedded PostgreSQL") == 2
assert log.contains("failed in V2__email.sql")
assert log.contains('ERROR: type "varchr" does not exist')
// the whole message at [ERROR] (a CI view of errors shows the fix), the hint and a stack trace at [INFO]
assert log.contains("[ERROR] Fix that statement in V2__email.sql; if this migration is already released, add a new one instead.")
assert log.contains("[ERROR]     add column email varchr(255)")
assert log.contains('[INFO]   (<verbose>true</verbose> or -Dschemakit.verbose shows more)')
assert log.contains('[INFO] dev.schemakit.chain.MigrationException: Migrating a new database')
assert !log.contains('--verbose')
// Flyway speaks through Maven's log, not java.util.logging on stderr: its steps only with verbose
assert !log.contains('org.flywaydb.core.FlywayExecutor init')
assert !log.contains('INFO: Database:')
assert !log.contains('SEVERE:')
assert log.count('[INFO] Flyway: Migrating schema "public" to version "2 - email"') == 1
// the build's last line, which CI views show first, names the file and what the database said
assert log.contains("[ERROR] Failed to execute goal dev.schemakit:schemakit-maven-plugin:")
assert log =~ /\[ERROR\] Failed to execute goal [^\n]*: schemakit verify: Migrating a new database [^\n]* failed in V2__email.sql [^\n]*type "varchr" does not exist[^\n]*\(the whole message is above\)/
