def log = new File(basedir, 'build.log').text
// the chain grants to roles and creates its table in a schema the init script made: it migrated and matched
assert log.contains('Schema matches the contract: 1 object(s) checked in schema ledger, 0 error(s), 0 warning(s).')
assert !log.contains('does not exist')
assert log.contains('BUILD SUCCESS')
