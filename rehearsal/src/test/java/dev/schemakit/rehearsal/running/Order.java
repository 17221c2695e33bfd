package dev.schemakit.rehearsal.running;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** The running version's entity: it maps {@code orders.note}, which a broken release drops. */
@Entity
@Table(name = "orders")
public class Order {
  @Id
  Long id;

  @Column(name = "customer_email")
  String customerEmail;

  @Column(nullable = false)
  BigDecimal amount;

  String note;
}
