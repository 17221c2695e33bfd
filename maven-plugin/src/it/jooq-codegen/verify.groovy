def log = new File(basedir, 'build.log').text
// start migrated a database before generate-sources, jOOQ read it, stop dropped it, the code using it compiled
assert log =~ /schemakit start: jdbc:postgresql:\/\/127\.0\.0\.1:\d+\/schemakit_\w+ at version 2/
assert new File(basedir, 'target/generated-sources/jooq/com/example/guilds/jooq/tables/Members.java').isFile()
assert new File(basedir, 'target/classes/com/example/guilds/GuildQueries.class').isFile()
assert log.contains('schemakit stop: the database of start is dropped and its server stopped')
// jOOQ ran between start and stop: found by Maven's header of that execution, never by the artifact's name, which a
// first run's "Downloading from central: .../jooq-codegen-maven/..." lines also carry
def position = { pattern ->
  def matcher = log =~ pattern
  assert matcher.find() : "build.log has no line matching ${pattern}"
  matcher.start()
}
def start = position(/schemakit start: jdbc:postgresql:/)
def jooq = position(/(?m)^\[INFO\] --- jooq-codegen(-maven)?:[^:\s]+:generate \(jooq-codegen\) @ guilds-jooq ---$/)
def stop = position(/schemakit stop: the database of start is dropped/)
assert start < jooq && jooq < stop
// the guide (docs/maven-plugin.md) shows this pom as it is built here
def readme = new File(basedir, '../../../../docs/maven-plugin.md').text
assert readme.contains(new File(basedir, 'pom.xml').text) : 'docs/maven-plugin.md shows the jooq-codegen pom.xml verbatim'
