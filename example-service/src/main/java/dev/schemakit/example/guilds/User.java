package dev.schemakit.example.guilds;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A Battle.net account that logged in to the guild tools. */
@Entity
@Table(name = "users")
public class User extends Audited {

  @Id
  private Integer bnetId;

  @Column(nullable = false, length = 64)
  private String bnetUsername;

  private Instant lastLogin;

  protected User() {}

  public User(int bnetId, String bnetUsername) {
    this.bnetId = bnetId;
    this.bnetUsername = bnetUsername;
  }

  public Integer bnetId() {
    return bnetId;
  }

  public String bnetUsername() {
    return bnetUsername;
  }
}
