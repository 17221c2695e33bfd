package dev.schemakit.cli.guilds;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The guilds chain's guilds, as a service maps them, deleting for real where the contract says soft delete. */
@Entity
@Table(name = "guilds")
public class Guild {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  Integer id;

  @Column(nullable = false, length = 100)
  String name;

  @Column(nullable = false, length = 50)
  String realm;

  @ManyToOne
  @JoinColumn(name = "gm_bnet_id")
  User guildMaster;

  @Column(name = "deleted_at")
  OffsetDateTime deletedAt;
}
