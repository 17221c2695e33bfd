package dev.schemakit.raids;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The raid planner: raids, sign-ups by role, a REST API and a health endpoint that checks the schema. */
@SpringBootApplication
public class RaidPlannerApplication {

  public static void main(String[] args) {
    SpringApplication.run(RaidPlannerApplication.class, args);
  }
}
