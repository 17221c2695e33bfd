package dev.schemakit.template;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.database.ExternalPostgres;
import dev.schemakit.database.Progress;
import dev.schemakit.flyway.MigrationSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One test run on an external server, as a CI shard makes it, in a JVM of its own for {@link ExternalServerTests}:
 * {@code <url> <role> <databases> complete|hold}. It takes that many databases at version 4 on four threads (the
 * classes of a parallel suite), writes and deletes rows in each (work for autovacuum), then either closes its
 * factory as the end of a run does and prints {@code CLOSED}, or prints {@code READY} and waits to be killed.
 */
public final class ExternalRunMain {

  private ExternalRunMain() {
  }

  public static void main(String[] args) throws Exception {
    Progress.to(line -> System.out.println(line)); // for the whole of this process's run
    MigrationChain chain = MigrationChain.scan(MigrationSettings.builder().build());
    TemplateFactory factory = TemplateFactory.on(ExternalPostgres.connect(args[0], args[1], null));
    int count = Integer.parseInt(args[2]);
    ExecutorService classes = Executors.newFixedThreadPool(4);
    List<Future<String>> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(classes.submit(() -> {
        VersionedDatabase database = factory.create(chain, "4");
        database.execute("insert into members (name) select 'm' || g from generate_series(1, 2000) g");
        database.execute("delete from members where id % 2 = 0");
        return database.name();
      }));
    }
    for (Future<String> name : names) {
      System.out.println("CREATED " + name.get());
    }
    classes.shutdown();
    if (args[3].equals("hold")) {
      System.out.println("READY");
      System.out.flush();
      Thread.sleep(120_000);
      return;
    }
    factory.close();
    System.out.println("CLOSED");
  }
}
