package dev.schemakit.it.boot4;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small Spring Boot service the tests run against: accounts, in JPA and in Flyway migrations. */
@SpringBootApplication
public class AccountsApplication {
}
