package dev.schemakit.example.guilds;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

/** Creation and update times, set by Hibernate on insert and update. */
@MappedSuperclass
public abstract class Audited {

  @CreationTimestamp
  @Column(nullable = false, updatable = false)
  protected Instant createdAt;

  @UpdateTimestamp
  @Column(nullable = false)
  protected Instant updatedAt;

  public Instant createdAt() {
    return createdAt;
  }
}
