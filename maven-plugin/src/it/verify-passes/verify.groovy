def log = new File(basedir, 'build.log').text
assert log.contains('Schema matches the contract: 2 object(s) checked in schema public, 0 error(s), 0 warning(s).')
def junit = new File(basedir, 'target/schemakit/TEST-schemakit-verify.xml')
assert junit.isFile()
assert junit.text.contains('<testsuite name="schemakit.verify" tests="2" failures="0"')
assert new File(basedir, 'target/schemakit/schemakit-verify.json').text.contains('"passed": true')
