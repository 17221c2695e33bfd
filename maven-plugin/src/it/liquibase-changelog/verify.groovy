def log = new File(basedir, 'build.log').text
def contract = new File(basedir, 'src/main/contracts/public.yaml').text
// the changelog's property from the liquibase-maven-plugin, and its schema: products with its price column
assert contract.contains('products')
assert contract.contains('varchar(120)')
assert contract.contains('price')
// the prod context: the demo changeset did not run, so two changesets are the chain
assert log.contains('recorded 1 table(s) in schema public at version 2 into ')
assert log.contains('2 migration(s), 0 problem(s)')
assert log.contains('Schema matches the contract')
// Liquibase's own summaries stay out of the build log
assert !log.contains('UPDATE SUMMARY')
true
