def log = new File(basedir, 'build.log').text
// four tests under Spring Boot 4: its JUnit 6, Hibernate 7 and its own Flyway, with schemakit-spring beside them
assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('BUILD SUCCESS')
