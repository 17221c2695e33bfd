package dev.schemakit.cli.guilds;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The guilds chain's users, as a service maps them: verify compares it three ways. */
@Entity
@Table(name = "users")
public class User {

  @Id
  @Column(name = "bnet_id")
  Integer bnetId;

  @Column(name = "bnet_username", nullable = false, length = 64)
  String bnetUsername;
}
