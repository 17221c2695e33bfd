package dev.schemakit.raids;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** A player signed up for a raid in a role (V2; roles normalised by V3). */
@Entity
@Table(name = "signups", uniqueConstraints = @UniqueConstraint(columnNames = {"raid_id", "player"}))
public class Signup {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "raid_id", nullable = false)
  private Raid raid;

  @Column(nullable = false, length = 64)
  private String player;

  @Column(nullable = false, length = 20)
  private String role;

  protected Signup() {
  }

  public Signup(Raid raid, String player, String role) {
    this.raid = raid;
    this.player = player;
    this.role = role;
  }

  public Long getId() {
    return id;
  }

  public String getPlayer() {
    return player;
  }

  public String getRole() {
    return role;
  }
}
