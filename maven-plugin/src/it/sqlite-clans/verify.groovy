def log = new File(basedir, 'build.log').text
// chain/: every goal passes on SQLite
assert log =~ /sqlite-clans-chain \.+ SUCCESS/
assert log.contains('deploy safety: not checked on SQLite')
assert log.contains('stairway passed (5 step(s))')
assert log.contains('Schema matches the contract: 3 object(s) checked in schema main')
def recorded = new File(basedir, 'chain/target/recorded/main.yaml')
assert recorded.isFile() && recorded.text.startsWith('# yaml-language-server: $schema=schemakit-contract.schema.json\nschema: main\n')
// mutant/: the changed foreign key action is caught
assert log =~ /sqlite-clans-mutant \.+ FAILURE/
assert log.contains('FOREIGN_KEY_ACTION_MISMATCH main.member_snapshots')
