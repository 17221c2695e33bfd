def log = new File(basedir, 'build.log').text
assert log.contains('is unreachable')
assert log.contains('schemakit check could not reach the database')
def report = new File(basedir, 'target/schemakit/check.json').text
assert report.contains('"status": "unreachable"')
// the last line says which server and why
assert log =~ /\[ERROR\] Failed to execute goal [^\n]*: schemakit check could not reach the database: [^\n]*unreachable/
