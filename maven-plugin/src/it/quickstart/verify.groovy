def log = new File(basedir, 'build.log').text
// three builds, one per JUnit: each ran the test and verified the contract with that JUnit alone
assert log.count('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0\n') == 3
assert log.count('Schema matches the contract') == 3
// in each, the API and the engine are the user's version: schemakit did not bring an API of its own
['5.10.3', '5.14.4', '6.0.3'].each { version ->
  assert log.contains("org.junit.jupiter:junit-jupiter-api:jar:${version}:test")
  assert log.contains("org.junit.jupiter:junit-jupiter-engine:jar:${version}:test")
}
assert log.count('org.junit.jupiter:junit-jupiter-api:jar:') == 3
// the README shows this project as it is built here
def readme = new File(basedir, '../../../../README.md').text
assert readme.contains(new File(basedir, 'pom.xml').text) : 'README.md shows the quick-start pom.xml verbatim'
assert readme.contains(new File(basedir, 'src/test/java/com/example/NicknameBackfillTest.java').text)
assert readme.contains(new File(basedir, 'src/main/contracts/public.yaml').text)
['V1__accounts.sql', 'V2__nickname.sql', 'V3__nickname_backfill.sql'].each { name ->
  def migration = new File(basedir, "src/main/resources/db/migration/${name}").text.trim()
  assert readme.contains("`${name}`") && readme.contains(migration) : "README.md shows ${name} as it is"
}
true
