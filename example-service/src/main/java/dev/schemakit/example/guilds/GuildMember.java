package dev.schemakit.example.guilds;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/** A character in a guild, synced from the game. */
@Entity
@Table(name = "guild_members", indexes = {
    @Index(name = "ix_guild_members_guild_id", columnList = "guild_id"),
    @Index(name = "ix_guild_members_bnet_id", columnList = "bnet_id")})
public class GuildMember {

  @Id
  @Column(length = 40)
  private String characterName;

  @ManyToOne(optional = false)
  @JoinColumn(name = "guild_id")
  @OnDelete(action = OnDeleteAction.CASCADE)
  private Guild guild;

  /** The account name as the game reports it; V8 matched it to users once. */
  @Column(length = 64)
  private String battletag;

  @ManyToOne
  @JoinColumn(name = "bnet_id")
  private User user;

  private int rankId;

  @Column(length = 64)
  private String rankName;

  private Instant lastSync;

  protected GuildMember() {}

  public GuildMember(String characterName, Guild guild, int rankId) {
    this.characterName = characterName;
    this.guild = guild;
    this.rankId = rankId;
  }
}
