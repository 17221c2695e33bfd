def log = new File(basedir, 'build.log').text
// findings at Maven's level for their severity, so that a CI view of errors shows them
assert log.contains('[ERROR] ERROR   COLUMN_TYPE_MISMATCH public.guilds.name')
assert log.contains('schemakit verify: reports in ')
assert log.contains('INDEX_MISSING public.guilds.ix_guilds_name')
assert log.contains('schemakit verify found problems')
def reports = new File(basedir, 'target/schemakit')
assert new File(reports, 'schemakit-verify.md').text.startsWith('<!-- schemakit:contract-report -->')
assert new File(reports, 'schemakit-verify.json').text.contains('"errors": 3')
assert new File(reports, 'TEST-schemakit-verify.xml').text.contains('failures="1"')
// the HTML report and the index that links it, whose path the goal prints
def html = new File(reports, 'verify.html').text
assert html.startsWith('<!DOCTYPE html>')
assert html.contains('COLUMN_TYPE_MISMATCH') && html.contains('<pre class="mermaid"')
assert new File(reports, 'index.html').text.contains('<a href="verify.html">verify</a>')
assert log.contains('schemakit verify: HTML report ' + new File(reports, 'index.html').path)
