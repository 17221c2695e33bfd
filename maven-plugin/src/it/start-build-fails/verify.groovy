def log = new File(basedir, 'build.log').text
def started = log =~ /schemakit start: jdbc:postgresql:\/\/127\.0\.0\.1:(\d+)\//
assert started.find() : 'start ran'
assert log.contains('COMPILATION ERROR') && log.contains('Broken.java')
assert !log.contains('schemakit stop:')
// the server start started is gone with Maven's JVM, though stop never ran
int port = started.group(1) as int
def listening = { ->
  try {
    new Socket('127.0.0.1', port).close()
    return true
  } catch (ConnectException gone) {
    return false
  }
}
// the server's fast shutdown may take a moment after the JVM's last breath
def deadline = System.currentTimeMillis() + 15000
while (listening() && System.currentTimeMillis() < deadline) {
  Thread.sleep(200)
}
assert !listening() : "a server still listens on port ${port} after the failed build"
