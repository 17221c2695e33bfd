package dev.schemakit.raids;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Sign-ups, and how many of each role a raid has. */
public interface SignupRepository extends JpaRepository<Signup, Long> {

  /** Role and count for one raid, e.g. {@code ["tank", 2]}. */
  @Query("select s.role, count(s) from Signup s where s.raid.id = :raidId group by s.role order by s.role")
  List<Object[]> countByRole(@Param("raidId") Long raidId);
}
