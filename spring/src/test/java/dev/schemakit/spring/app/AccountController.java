package dev.schemakit.spring.app;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The accounts over HTTP: a request served on the web server's thread, not the test's. */
@RestController
public class AccountController {

  private final AccountRepository accounts;

  public AccountController(AccountRepository accounts) {
    this.accounts = accounts;
  }

  @GetMapping("/accounts")
  public List<String> emails() {
    return accounts.findAll().stream().map(Account::getEmail).sorted().toList();
  }
}
