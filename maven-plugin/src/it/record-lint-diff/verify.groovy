def log = new File(basedir, 'build.log').text
def recorded = new File(basedir, 'src/main/contracts/public.yaml')
assert recorded.isFile()
assert recorded.text.contains('  guilds:\n    strict: true\n')
assert log.contains('recorded 2 table(s) in schema public at version 2 into')
def lock = new File(basedir, 'schemakit.lock')
assert lock.isFile()
assert lock.text.contains('V2__guilds.sql')
assert log.contains('lock ') && log.contains('records 2 released migration(s)')
def diff = new File(basedir, 'target/schemakit/contract-diff.md').text
assert diff.startsWith('<!-- schemakit:contract-diff -->')
assert diff.contains('table public.guilds added')
assert diff.contains('`public.users.legacy_name`: column public.users.legacy_name dropped')
assert log.contains('schemakit diff found problems')
// the pull request's comment draws the tables the change touches; each goal adds its HTML page to the index
assert diff.contains('```mermaid\nerDiagram\n')
def index = new File(basedir, 'target/schemakit/index.html').text
assert index.contains('<a href="diff.html">diff</a>') && index.contains('<a href="lint.html">lint</a>')
