def log = new File(basedir, 'build.log').text
// the build fails at the start of the test JVM with one message: the versions found and the fix
assert log.contains('[ERROR] java.lang.IllegalStateException: schemakit: The JUnit jars on the test class path do not'
    + ' belong together: junit-jupiter-api 5.12.2, junit-jupiter-engine 5.10.3, junit-platform-engine 1.10.3')
assert log.contains('import org.junit:junit-bom:')
// not JUnit's own discovery failure, which names no cause
assert !log.contains("TestEngine with ID 'junit-jupiter' failed to discover tests")
