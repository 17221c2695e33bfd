// 120 migrations of a service deployed for years (indexes built without CONCURRENTLY, as many were), and the same
// chain with one new migration in next/
def history = new File(basedir, 'src/main/resources/db/migration')
history.mkdirs()
new File(history, 'V1__accounts.sql').text = 'create table accounts (id bigint primary key, email text not null);\n'
(2..120).each { version ->
  def sql
  switch (version % 3) {
    case 0: sql = "create table audit_${version} (id bigint primary key, account_id bigint references accounts (id));\n"; break
    case 1: sql = "alter table accounts add column field_${version} text;\n"; break
    default: sql = "create index accounts_id_${version} on accounts (id);\n"
  }
  new File(history, "V${version}__step_${version}.sql").text = sql
}
def next = new File(basedir, 'next')
next.mkdirs()
history.eachFile { file -> new File(next, file.name).text = file.text }
new File(next, 'V121__accounts_by_email.sql').text = 'create index accounts_email on accounts (email);\n'
true
