package dev.schemakit.raids;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Raids, soonest first. */
public interface RaidRepository extends JpaRepository<Raid, Long> {

  List<Raid> findByStartsAtAfterOrderByStartsAt(OffsetDateTime after);
}
