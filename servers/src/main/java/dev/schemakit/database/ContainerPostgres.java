package dev.schemakit.database;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL in a Docker container, through Testcontainers: one container per image per JVM, started
 * on first use and removed when the JVM exits. Needs {@code org.testcontainers:postgresql} on the
 * test classpath and a Docker engine.
 *
 * <pre>{@code
 * PostgresServer server = ContainerPostgres.shared("postgres:16");
 * }</pre>
 *
 * <p>Containers are labelled with the JVM's host and process id; a JVM that starts one first
 * removes those left behind by killed JVMs of the same host.
 */
public final class ContainerPostgres implements PostgresServer, AutoCloseable {

  /** Image used when none is configured. */
  public static final String DEFAULT_IMAGE = "postgres:" + PostgresBinaries.NEWEST_MAJOR;

  private static final String OWNER_PID = "dev.schemakit.owner.pid";
  private static final String OWNER_HOST = "dev.schemakit.owner.host";
  private static final Map<String, ContainerPostgres> SHARED = new ConcurrentHashMap<>();

  private final PostgreSQLContainer<?> container;
  private final String image;
  private final int majorVersion;

  private ContainerPostgres(PostgreSQLContainer<?> container, String image, int majorVersion) {
    this.container = container;
    this.image = image;
    this.majorVersion = majorVersion;
  }

  /**
   * The JVM's container for an image, started on first use.
   *
   * @throws DatabaseServerException when Docker is not available or the container does not start
   */
  public static ContainerPostgres shared(String image) {
    return SHARED.computeIfAbsent(image, ContainerPostgres::start);
  }

  /** Whether Testcontainers is on the classpath and finds a Docker engine. */
  public static boolean dockerAvailable() {
    try {
      Class.forName("org.testcontainers.DockerClientFactory", false, ContainerPostgres.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
    return DockerClientFactory.instance().isDockerAvailable();
  }

  /**
   * Whether a container of this image starts without a registry: Testcontainers' ryuk helper is
   * disabled ({@code TESTCONTAINERS_RYUK_DISABLED=true}; Testcontainers would pull and start it on
   * first contact with Docker), Docker is there and the image is local. Where no registry is
   * reachable, a pull waits two minutes before it fails.
   */
  public static boolean startsOffline(String image) {
    if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED")) || !dockerAvailable()) {
      return false;
    }
    List<String> tags = DockerClientFactory.instance().client().listImagesCmd().exec().stream()
        .flatMap(i -> i.getRepoTags() == null ? java.util.stream.Stream.empty() : java.util.Arrays.stream(i.getRepoTags()))
        .toList();
    return tags.contains(image.contains(":") ? image : image + ":latest");
  }

  private static ContainerPostgres start(String image) {
    if (!dockerAvailable()) {
      throw new DatabaseServerException("Starting PostgreSQL in a container (image " + image + ") failed: Testcontainers"
          + " finds no Docker engine. Start Docker (and set DOCKER_HOST if it is not on the default socket), or use"
          + " provider EMBEDDED, which needs no Docker.", null);
    }
    removeAbandoned();
    PostgreSQLContainer<?> container = new PostgreSQLContainer<>(
        DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
        .withLabel(OWNER_PID, Long.toString(ProcessHandle.current().pid()))
        .withLabel(OWNER_HOST, host())
        // test-only settings, as on the embedded server: nothing here needs to survive a crash
        .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=300", "-c", "checkpoint_timeout=1h", "-c", "max_wal_size=2GB");
    try {
      container.start();
    } catch (RuntimeException e) {
      container.stop();
      throw new DatabaseServerException("Starting PostgreSQL in a container (image " + image + ") failed: "
          + e.getMessage() + ". Check that the image exists locally or can be pulled, and that Docker runs.", e);
    }
    ContainerPostgres server = new ContainerPostgres(container, image, queryMajorVersion(container));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "schemakit-container-shutdown"));
    return server;
  }

  private static int queryMajorVersion(PostgreSQLContainer<?> container) {
    try (var connection = container.createConnection(""); var statement = connection.createStatement();
        var rs = statement.executeQuery("select current_setting('server_version_num')::int / 10000")) {
      rs.next();
      return rs.getInt(1);
    } catch (Exception e) {
      throw new DatabaseServerException("The PostgreSQL container " + container.getJdbcUrl()
          + " started but does not answer: " + e.getMessage(), e);
    }
  }

  /** Containers of this host's JVMs that are gone (killed before their shutdown hook ran). */
  private static void removeAbandoned() {
    DockerClient docker = DockerClientFactory.instance().client();
    List<Container> ours = docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(OWNER_HOST, host())).exec();
    for (Container container : ours) {
      String pid = container.getLabels().get(OWNER_PID);
      boolean alive = pid != null && pid.matches("\\d+")
          && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
      if (!alive) {
        docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
      }
    }
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  @Override
  public String description() {
    return "PostgreSQL " + majorVersion + " in container " + image + " at jdbc:postgresql://" + container.getHost()
        + ":" + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
  }

  @Override
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT)
        + "/" + database;
  }

  @Override
  public DataSource dataSource(String database) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(jdbcUrl(database));
    dataSource.setUser(container.getUsername());
    dataSource.setPassword(container.getPassword());
    return dataSource;
  }

  @Override
  public int majorVersion() {
    return majorVersion;
  }

  /** The container's id, e.g. for {@code docker logs}. */
  public String containerId() {
    return container.getContainerId();
  }

  /** Stops and removes the container. */
  @Override
  public void close() {
    SHARED.remove(image, this);
    container.stop();
  }
}
