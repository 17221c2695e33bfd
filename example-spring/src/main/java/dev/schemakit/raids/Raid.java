package dev.schemakit.raids;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A raid the guild plans (V1). */
@Entity
@Table(name = "raids")
public class Raid {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(name = "starts_at", nullable = false)
  private OffsetDateTime startsAt;

  protected Raid() {
  }

  public Raid(String name, OffsetDateTime startsAt) {
    this.name = name;
    this.startsAt = startsAt;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public OffsetDateTime getStartsAt() {
    return startsAt;
  }
}
