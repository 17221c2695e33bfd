package dev.schemakit.model;

/**
 * An installed extension.
 *
 * @param name extension name
 * @param version installed version; {@code null} in a contract means any version
 * @param origin contract position, {@code null} for snapshots
 */
public record Extension(String name, String version, Origin origin) {

  public Extension {
    ModelChecks.name(name, "extension");
  }
}
