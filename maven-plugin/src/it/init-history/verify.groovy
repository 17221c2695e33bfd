def log = new File(basedir, 'build.log').text
// init: the contracts and the lock with every migration released; the second run changes nothing
def lock = new File(basedir, 'schemakit.lock').readLines().findAll { !it.startsWith('#') && !it.isBlank() }
assert lock.size() == 120
assert new File(basedir, 'src/main/contracts/public.yaml').text.contains('audit_120')
assert log.contains('written: 120 released migration(s)')
assert log.contains('nothing changed: the contracts and the lock already hold this chain')
assert log.contains('<goals><goal>lint</goal><goal>verify</goal></goals>')
// the gate as init prints it: green on the history
assert log.contains('deploy safety: every migration is released (in the lock), nothing to check')
assert log.contains('Schema matches the contract')
// a new migration is judged, and only it
assert log.contains('ERROR INDEX_NOT_CONCURRENT V121__accounts_by_email.sql:1')
assert !log.contains('INDEX_NOT_CONCURRENT V2__')
true
