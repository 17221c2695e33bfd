def log = new File(basedir, 'build.log').text
// each of the four lints clean, and says where the setting came from
assert log.count('deploy safety of 2 unreleased migration(s) (static; --dynamic runs them): 0 error(s), 0 warning(s)') == 4
assert log.contains('postgresql.transactional.lock from flyway.toml:5')
assert log.contains('postgresql.transactional.lock from flyway.conf:1')
assert log.contains('postgresql.transactional.lock from flyway-maven-plugin.conf:')
assert log.contains('postgresql.transactional.lock from application.yml:5 (spring.flyway)')
assert log.count('ERROR CONCURRENTLY_WAITS_FOR_FLYWAY_LOCK') == 1
// the project that did not: the error, and the fix
assert log.contains('ERROR CONCURRENTLY_WAITS_FOR_FLYWAY_LOCK V2__email_index.sql:2')
assert log.contains('fix: set flyway.postgresql.transactional.lock=false')
assert log =~ /flyway-settings-absent \.+ FAILURE/
assert log =~ /flyway-settings-spring \.+ SUCCESS/
