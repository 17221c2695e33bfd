package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.ExpressionNormalizer;
import dev.schemakit.diff.Finding;
import dev.schemakit.diff.FindingCode;
import dev.schemakit.diff.Severity;
import dev.schemakit.entity.EntityDrift;
import dev.schemakit.entity.EntityMappings;
import dev.schemakit.entity.EntityReader;
import dev.schemakit.report.Reports;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * A bookshop's 32 entities with every mapping kind Hibernate 6 and 7 know (see {@code
 * dev.schemakit.entity.fixtures.shop}), held to Hibernate itself: the schema Hibernate writes for them compares clean,
 * the schema their team wrote (V1: text for strings, serial and identity ids, domains, an enum type, a large-object
 * column, tables kept without keys on purpose) gives exactly its true findings, and each mistake of V2 that breaks
 * the service is an error with its message.
 */
@MigrationTest(locations = "classpath:db/shop", target = "1", isolation = Isolation.PER_METHOD)
class ShopModelTests {

  static final String SHOP = "dev.schemakit.entity.fixtures.shop";

  static final EntityMappings ENTITIES = EntityReader.defaults().readPackages(SHOP);

  /**
   * What the schema the team wrote keeps on purpose, true and warnings: price_history without keys, and
   * StockLevel.reorderAt (Integer) on a NOT NULL column, safe and summed up.
   */
  static final List<Tuple> WARNINGS_OF_THE_WRITTEN_SCHEMA = List.of(
      tuple(Severity.WARNING, FindingCode.ENTITY_PRIMARY_KEY_MISMATCH, "public.price_history.primary_key"),
      tuple(Severity.WARNING, FindingCode.ENTITY_FOREIGN_KEY_MISSING, "public.price_history.book_id"),
      tuple(Severity.WARNING, FindingCode.ENTITY_COLUMN_NULLABILITY_MISMATCH, "entities"));

  @Test
  void theSchemaHibernateWritesForTheModelComparesClean(MigratedDatabase database) {
    database.execute("create schema hibernate; set search_path to hibernate; " + HibernateDdl.of(entityClasses()));

    DiffResult drift = database.entityDrift(EntityReader.defaults().withDefaultSchema("hibernate").readPackages(SHOP),
        null, List.of("hibernate"));

    // Hibernate 6.6 writes NOT NULL for EmailNotification.subject (nullable = false) into the table it shares with
    // SmsNotification, whose inserts then fail: the one warning is true of Hibernate's own DDL
    assertThat(drift.findings()).as(Reports.text(drift)).extracting(Finding::severity, Finding::code, Finding::message)
        .containsExactly(tuple(Severity.WARNING, FindingCode.ENTITY_COLUMN_NULLABILITY_MISMATCH,
            "1 field(s) the entities let be null map NOT NULL columns: hibernate.notification.subject. Saving one with"
                + " null fails in the database, which keeps the data safe; the strict setting (strictNullability)"
                + " lists each as an error; the columns are NOT NULL"));
    assertThat(drift.subjects()).hasSize(33);
  }

  @Test
  void theSchemaTheTeamWroteHasOnlyItsTrueFindings(MigratedDatabase database) {
    DiffResult drift = database.entityDrift(ENTITIES, null);

    // audit_event's unique index keeps its id: no finding
    assertThat(drift.findings()).as(Reports.text(drift)).extracting(Finding::severity, Finding::code, Finding::path)
        .containsExactlyInAnyOrderElementsOf(WARNINGS_OF_THE_WRITTEN_SCHEMA);
    assertThat(messages(drift)).contains(
        "entity PriceHistory maps @Id to (id) and nothing keeps it unique (two rows with one id load as one entity);"
            + " migrations have no primary key on public.price_history and no unique index on those columns",
        "entity PriceHistory joins book by public.price_history(book_id) to public.book(id); no migration creates a"
            + " foreign key on it: rows can point to rows that do not exist",
        "1 field(s) the entities let be null map NOT NULL columns: public.stock_level.reorder_at. Saving one with null"
            + " fails in the database, which keeps the data safe; the strict setting (strictNullability) lists each as"
            + " an error; the columns are NOT NULL");
    assertThat(drift.subjects()).hasSize(33);
  }

  @Test
  void underTheStrictSettingTheKeysKeptOffOnPurposeAndTheWrapperAreErrors(MigratedDatabase database) {
    DiffResult strict = EntityDrift.compare(ENTITIES, null, database.snapshot(), ExpressionNormalizer.textual(), true);

    assertThat(strict.findings()).as(Reports.text(strict)).extracting(Finding::severity, Finding::path)
        .containsExactlyInAnyOrder(
            tuple(Severity.ERROR, "public.price_history.primary_key"),
            tuple(Severity.ERROR, "public.price_history.book_id"),
            tuple(Severity.ERROR, "public.stock_level.reorder_at"));
  }

  @Test
  void everyMistakeThatBreaksTheServiceIsFound(MigratedDatabase database) {
    database.migrateTo("2");

    DiffResult drift = database.entityDrift(ENTITIES, null);

    List<Tuple> mistakes = List.of(
        tuple(Severity.ERROR, FindingCode.ENTITY_COLUMN_TYPE_MISMATCH, "public.book.blurb"),
        tuple(Severity.ERROR, FindingCode.ENTITY_COLUMN_NULLABILITY_MISMATCH, "public.parcel.weight_kg"),
        tuple(Severity.ERROR, FindingCode.ENTITY_COLUMN_UNMAPPED, "public.customer.referral_code"),
        tuple(Severity.ERROR, FindingCode.ENTITY_COLUMN_MISSING, "public.review.posted_at"),
        tuple(Severity.ERROR, FindingCode.ENTITY_COLUMN_TYPE_MISMATCH, "public.order_line.amount"),
        tuple(Severity.ERROR, FindingCode.ENTITY_COLUMN_TYPE_MISMATCH, "public.search_profile.viewed_book_ids"),
        tuple(Severity.ERROR, FindingCode.ENTITY_COLUMN_TYPE_MISMATCH, "public.search_profile.preferences"),
        tuple(Severity.ERROR, FindingCode.ENTITY_COLUMN_TYPE_MISMATCH, "public.subscription.plan"),
        tuple(Severity.ERROR, FindingCode.ENTITY_COLUMN_TYPE_MISMATCH, "public.settlement.amount_cents"),
        tuple(Severity.ERROR, FindingCode.ENTITY_ID_GENERATION_MISMATCH, "public.author_seq"),
        tuple(Severity.ERROR, FindingCode.ENTITY_UNIQUE_MISSING,
            "public.exchange_rate.from_currency_to_currency_day"),
        tuple(Severity.ERROR, FindingCode.ENTITY_INDEX_MISSING, "public.category.category_slug_idx"),
        tuple(Severity.ERROR, FindingCode.ENTITY_COLUMN_MISSING, "public.notification.kind"),
        tuple(Severity.ERROR, FindingCode.ENTITY_COLUMN_TYPE_MISMATCH, "public.book.format"),
        tuple(Severity.ERROR, FindingCode.ENTITY_COLUMN_TYPE_MISMATCH, "public.purchase_order.status"),
        tuple(Severity.ERROR, FindingCode.ENTITY_COLUMN_MISSING, "public.customer.shipping_city"),
        tuple(Severity.ERROR, FindingCode.ENTITY_COLUMN_MISSING, "public.gift_card.version"),
        tuple(Severity.WARNING, FindingCode.ENTITY_PRIMARY_KEY_MISMATCH, "public.audit_event.primary_key"),
        tuple(Severity.WARNING, FindingCode.ENTITY_FOREIGN_KEY_MISSING, "public.wishlist_book.book_id"));
    assertThat(drift.findings()).as(Reports.text(drift)).extracting(Finding::severity, Finding::code, Finding::path)
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.Stream.concat(mistakes.stream(), WARNINGS_OF_THE_WRITTEN_SCHEMA.stream()).toList());
    assertThat(messages(drift)).contains(
        "entity Book maps field blurb (String, @Lob) to column public.book.blurb, which needs oid; migrations have"
            + " text",
        "entity OrderLine maps field amount (BigDecimal, precision 12, scale 2) to column public.order_line.amount,"
            + " which needs numeric(12,2); migrations have numeric(10,2)",
        "entity SearchProfile maps field viewedBookIds (List) to column public.search_profile.viewed_book_ids, which"
            + " needs bigint[]; migrations have integer[]",
        "entity SearchProfile maps field preferences (Map) to column public.search_profile.preferences, which needs"
            + " jsonb (or json); migrations have text",
        "entity Subscription maps field plan (Plan, EnumType.STRING up to 7 characters) to column"
            + " public.subscription.plan, which needs room for 7 characters; migrations have varchar(5)",
        "entity Settlement maps field amountCents (long) to column public.settlement.amount_cents, which needs bigint;"
            + " migrations have small_cents (a domain over integer)",
        "entity Notification maps field (discriminator) to column public.notification.kind; no migration creates"
            + " it",
        "entity AuditEvent maps @Id to (id) and nothing keeps it unique (two rows with one id load as one entity);"
            + " migrations have no primary key on public.audit_event and no unique index on those columns",
        "entity Wishlist.books joins books by public.wishlist_book(book_id) to public.book(id); no migration creates a"
            + " foreign key on it: rows can point to rows that do not exist",
        "entity Parcel maps column public.parcel.weight_kg to primitive field weightKg (double), which cannot hold"
            + " NULL; migrations let it be NULL: loading a row with NULL fails",
        "column public.customer.referral_code is NOT NULL without a default and entity Customer does not map it; every"
            + " insert through Customer fails; map the column or give it a default",
        "entity Review maps field postedAt to column public.review.posted_at; no migration creates it",
        "entity Author reserves 1 ids per call of sequence public.author_seq (allocationSize); migrations create it"
            + " with INCREMENT 50: Hibernate refuses to start or hands out duplicate ids",
        "entity ExchangeRate declares (from_currency, to_currency, day) unique in public.exchange_rate; no migration"
            + " creates a unique constraint or index on it",
        "entity Category declares unique index category_slug_idx on public.category (slug); no migration creates an"
            + " index with these leading columns",
        "entity Book maps field format (BookFormat, EnumType.ORDINAL) to column public.book.format, which stores the"
            + " enum's ordinal and needs an integer type; migrations have varchar(16)",
        "entity PurchaseOrder maps field status (OrderStatus, EnumType.STRING) to column public.purchase_order.status,"
            + " which needs a character type; migrations have integer",
        "entity Customer maps field shipping.city to column public.customer.shipping_city; no migration creates it",
        "entity GiftCard maps field version to column public.gift_card.version; no migration creates it");
  }

  @Test
  void anInstantInATimestampWithoutTimeZoneIsAWarningThatNamesTheZone(MigratedDatabase database) {
    database.execute("alter table notification alter column sent_at type timestamp");

    DiffResult drift = database.entityDrift(ENTITIES, null);

    assertThat(drift.findings()).filteredOn(f -> f.path().equals("public.notification.sent_at"))
        .extracting(Finding::severity, Finding::message).containsExactly(tuple(Severity.WARNING,
            "entity Notification maps field sentAt (Instant) to column public.notification.sent_at, which needs"
                + " timestamptz (the values fit; Hibernate converts them through the JVM's time zone unless"
                + " hibernate.jdbc.time_zone is UTC); migrations have timestamp"));
  }

  private static List<String> messages(DiffResult drift) {
    return drift.findings().stream().map(Finding::message).toList();
  }

  private static List<Class<?>> entityClasses() {
    return new ClassFileImporter().importPackages(SHOP).stream()
        .filter(c -> c.isAnnotatedWith("jakarta.persistence.Entity")).<Class<?>>map(c -> c.reflect()).toList();
  }
}
