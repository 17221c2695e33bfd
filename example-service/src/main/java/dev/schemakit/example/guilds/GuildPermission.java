package dev.schemakit.example.guilds;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.SQLDelete;
import org.hibernate.annotations.SQLRestriction;

/** Which rank may use a tool in a guild; soft-deleted by a flag. */
@Entity
@Table(name = "guild_permissions",
    indexes = @Index(name = "ix_guild_permissions_guild_id", columnList = "guild_id"),
    uniqueConstraints = @UniqueConstraint(columnNames = {"guild_id", "tool_name"}))
@SQLDelete(sql = "UPDATE guild_permissions SET is_deleted = true WHERE id = ?")
@SQLRestriction("NOT is_deleted")
public class GuildPermission {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  @ManyToOne(optional = false)
  private Guild guild;

  @Column(nullable = false, length = 64)
  private String toolName;

  private int minRankId;

  private boolean enabled = true;

  private boolean isDeleted;

  protected GuildPermission() {}

  public GuildPermission(Guild guild, String toolName, int minRankId) {
    this.guild = guild;
    this.toolName = toolName;
    this.minRankId = minRankId;
  }
}
