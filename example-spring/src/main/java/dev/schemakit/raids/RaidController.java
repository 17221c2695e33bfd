package dev.schemakit.raids;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /raids}: the raids to come; {@code GET /raids/{id}/roles}: how many of each role signed up. */
@RestController
class RaidController {

  private final RaidRepository raids;
  private final SignupRepository signups;

  RaidController(RaidRepository raids, SignupRepository signups) {
    this.raids = raids;
    this.signups = signups;
  }

  @GetMapping("/raids")
  List<Map<String, Object>> upcoming() {
    return raids.findByStartsAtAfterOrderByStartsAt(OffsetDateTime.now()).stream()
        .map(raid -> Map.<String, Object>of("id", raid.getId(), "name", raid.getName(), "startsAt",
            raid.getStartsAt().toString()))
        .toList();
  }

  @GetMapping("/raids/{id}/roles")
  Map<String, Long> roles(@PathVariable("id") Long id) {
    Map<String, Long> roles = new LinkedHashMap<>();
    for (Object[] row : signups.countByRole(id)) {
      roles.put((String) row[0], (Long) row[1]);
    }
    return roles;
  }
}
