def log = new File(basedir, 'build.log').text
// the Java migration ran between the SQL ones: V3's index on its column exists, and the contract says so
assert log.contains('Schema matches the contract: 1 object(s) checked in schema public, 0 error(s), 0 warning(s).')
assert !log.contains('failed in V3__nickname_index.sql')
assert log.contains('BUILD SUCCESS')
