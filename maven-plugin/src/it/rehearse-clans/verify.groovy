def log = new File(basedir, 'build.log').text
def report = new File(basedir, 'target/schemakit/rehearsal.md')
assert report.isFile()
assert report.text.startsWith('### Release rehearsal: 3 → 4 ✅')
// the team's hand-computed figure, measured on the copy
assert report.text.contains('| `member_snapshots.player_id` (added → `players.id`) | 500 | 492 (98.4 %) | 8 | 0 |')
assert report.text.contains('Contracts at 4: match.')
assert report.text.contains('Undo to 3: ')
// the report is in the build log too
assert log.contains('| `member_snapshots.player_id` (added → `players.id`) | 500 | 492 (98.4 %) | 8 | 0 |')
assert log.contains('BUILD SUCCESS')
// and the backup the rehearsal read is byte for byte the one in src/it (it was opened read-only)
def original = new File(basedir, '../../../src/it/rehearse-clans/backup/clans-at-3.db')
assert new File(basedir, 'backup/clans-at-3.db').bytes == original.bytes
