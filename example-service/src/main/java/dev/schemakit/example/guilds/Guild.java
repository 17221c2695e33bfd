package dev.schemakit.example.guilds;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.SQLDelete;
import org.hibernate.annotations.SQLRestriction;

/** A guild; deleting one only sets deleted_at, and deleted guilds are invisible to queries. */
@Entity
@Table(name = "guilds", indexes = {
    @Index(name = "ix_guilds_name", columnList = "name"),
    @Index(name = "ix_guilds_realm", columnList = "realm")})
@SQLDelete(sql = "UPDATE guilds SET deleted_at = now() WHERE id = ?")
@SQLRestriction("deleted_at IS NULL")
public class Guild extends Audited {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(nullable = false, length = 50)
  private String realm;

  @ManyToOne
  @JoinColumn(name = "gm_bnet_id")
  private User guildMaster;

  private Instant deletedAt;

  protected Guild() {}

  public Guild(String name, String realm, User guildMaster) {
    this.name = name;
    this.realm = realm;
    this.guildMaster = guildMaster;
  }

  public Integer id() {
    return id;
  }

  public String name() {
    return name;
  }
}
