package dev.schemakit.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.schemakit.entity.MappedEntity.IdGeneration;
import dev.schemakit.entity.MappedEntity.IndexMapping;
import dev.schemakit.entity.MappedEntity.Join;
import dev.schemakit.entity.MappedEntity.MappedColumn;
import dev.schemakit.entity.MappedEntity.SoftDeleteMapping;
import dev.schemakit.entity.MappedEntity.TypeRule;
import dev.schemakit.model.Catalog;
import dev.schemakit.model.ReferentialAction;
import dev.schemakit.model.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading JPA mappings from class files; no database needed. */
class EntityReaderTests {

  private static final EntityMappings AGREEING = EntityReader.defaults()
      .readPackages("dev.schemakit.entity.fixtures.agree");

  @Test
  void springBootNamingSplitsCamelCaseOnlyBetweenLowerCaseLetters() {
    assertThat(NamingStrategy.SPRING_BOOT.physical("lastLogin")).isEqualTo("last_login");
    assertThat(NamingStrategy.SPRING_BOOT.physical("GuildMember")).isEqualTo("guild_member");
    assertThat(NamingStrategy.SPRING_BOOT.physical("gmBnetId")).isEqualTo("gm_bnet_id");
    assertThat(NamingStrategy.SPRING_BOOT.physical("bnetID")).isEqualTo("bnetid");
    assertThat(NamingStrategy.SPRING_BOOT.physical("address.city")).isEqualTo("address_city");
    assertThat(NamingStrategy.LOGICAL.physical("lastLogin")).isEqualTo("lastlogin");
  }

  @Test
  void columnsComeWithTypeNullabilityAndHowTheyAreWritten() {
    MappedEntity guild = AGREEING.entity("dev.schemakit.entity.fixtures.agree.Guild").orElseThrow();

    assertThat(guild.qualifiedTable()).isEqualTo("public.guilds");
    assertThat(guild.columns()).extracting(MappedColumn::name, MappedColumn::field, MappedColumn::type,
            MappedColumn::rule, MappedColumn::nullable, MappedColumn::primitive, MappedColumn::alwaysWritten)
        .containsExactly(
            tuple("created_at", "createdAt", "timestamp(6) with time zone", TypeRule.BASE, true, false, true),
            tuple("updated_at", "updatedAt", "timestamp(6) with time zone", TypeRule.BASE, true, false, true),
            tuple("bank_gold", "bankGold", "numeric(12,2)", TypeRule.DECLARED_NUMERIC, true, false, false),
            tuple("deleted_at", "deletedAt", "timestamp(6) with time zone", TypeRule.BASE, true, false, false),
            tuple("gm_bnet_id", "gm", "integer", TypeRule.BASE, true, false, false),
            tuple("id", "id", "integer", TypeRule.BASE, false, false, true),
            tuple("motto_language", "motto.language", "character varying(2)", TypeRule.TEXT, true, false, false),
            tuple("motto_text", "motto.text", "text", TypeRule.EXACT, true, false, false),
            tuple("name", "name", "character varying(100)", TypeRule.TEXT, false, false, false),
            tuple("realm", "realm", "character varying(50)", TypeRule.TEXT, false, false, false),
            tuple("status", "status", "character varying(20)", TypeRule.ENUM_NAME, false, false, false),
            tuple("tier", "tier", "smallint", TypeRule.ENUM_ORDINAL, false, false, false),
            tuple("version", "version", "bigint", TypeRule.BASE, false, true, true));
    assertThat(guild.primaryKey()).containsExactly("id");
    assertThat(guild.idGeneration()).isEqualTo(new IdGeneration("IDENTITY", null, 1));
    assertThat(guild.joins()).containsExactly(new Join("gm", List.of("gm_bnet_id"),
        "dev.schemakit.entity.fixtures.agree.User", "public", "users", List.of("bnet_id"), true, null));
    assertThat(guild.indexes()).containsExactly(new IndexMapping("ix_guilds_name", List.of("name"), false),
        new IndexMapping("ix_guilds_realm", List.of("realm"), false));
    assertThat(guild.uniqueConstraints()).containsExactly(List.of("realm", "name"));
    assertThat(guild.softDelete()).isEqualTo(new SoftDeleteMapping("deleted_at", "@SQLDelete", "guilds",
        "deleted_at IS NULL"));
  }

  @Test
  void relationsTakeTheTypeOfTheReferencedIdAndDefaultJoinColumnNames() {
    MappedEntity permission = AGREEING.entity("dev.schemakit.entity.fixtures.agree.GuildPermission").orElseThrow();
    MappedEntity member = AGREEING.entity("dev.schemakit.entity.fixtures.agree.GuildMember").orElseThrow();

    assertThat(permission.column("guild_id")).get().extracting(MappedColumn::type, MappedColumn::nullable)
        .containsExactly("integer", false);
    assertThat(permission.idGeneration()).isEqualTo(new IdGeneration("SEQUENCE", "permission_seq", 1));
    assertThat(permission.uniqueConstraints()).containsExactly(List.of("external_id"));
    assertThat(permission.column("external_id")).get().extracting(MappedColumn::type).isEqualTo("uuid");
    assertThat(member.joins()).extracting(Join::field, Join::onDelete)
        .containsExactly(tuple("guild", ReferentialAction.CASCADE), tuple("user", null));
    assertThat(member.column("rank_id")).get().extracting(MappedColumn::nullable, MappedColumn::primitive)
        .containsExactly(false, true);
    assertThat(member.column("last_sync")).get().extracting(MappedColumn::type)
        .isEqualTo("timestamp(6) without time zone");
  }

  @Test
  void collectionsTransientAndStaticFieldsAreNotColumns() {
    MappedEntity guild = AGREEING.entity("dev.schemakit.entity.fixtures.agree.Guild").orElseThrow();

    assertThat(guild.columns()).extracting(MappedColumn::field)
        .doesNotContain("members", "displayName", "instances");
  }

  @Test
  void inheritanceSharesOrJoinsTables() {
    EntityMappings entities = EntityReader.defaults().readPackages("dev.schemakit.entity.fixtures.inheritance");

    MappedEntity card = entities.entity("dev.schemakit.entity.fixtures.inheritance.CardPayment").orElseThrow();
    assertThat(card.table()).isEqualTo("payment");
    assertThat(card.primaryKey()).containsExactly("guild_id", "sequence_no");
    assertThat(card.columns()).extracting(MappedColumn::name, MappedColumn::nullable).containsExactlyInAnyOrder(
        tuple("guild_id", false), tuple("sequence_no", false), tuple("amount_cents", false),
        tuple("card_last_four", true), tuple("installments", true), tuple("dtype", false));

    MappedEntity partial = entities.entity("dev.schemakit.entity.fixtures.inheritance.PartialRefund").orElseThrow();
    assertThat(partial.table()).isEqualTo("partial_refund");
    assertThat(partial.columns()).extracting(MappedColumn::name).containsExactlyInAnyOrder("refunded_cents", "id");
    assertThat(partial.joins()).extracting(Join::columns, Join::targetTable)
        .containsExactly(tuple(List.of("id"), "refund"));

    MappedEntity refund = entities.entity("dev.schemakit.entity.fixtures.inheritance.Refund").orElseThrow();
    assertThat(refund.joins()).extracting(Join::columns, Join::targetColumns).containsExactly(
        tuple(List.of("payment_guild_id", "payment_sequence_no"), List.of("guild_id", "sequence_no")));
  }

  @Test
  void aFormulaIsNoColumnAndArraysOfBasicTypesAreArrayColumns() {
    MappedEntity shelf = EntityReader.defaults().readPackages("dev.schemakit.entity.fixtures.hibernate")
        .entity("dev.schemakit.entity.fixtures.hibernate.Shelf").orElseThrow();

    assertThat(shelf.columns()).extracting(MappedColumn::name, MappedColumn::type, MappedColumn::rule)
        .containsExactly(
            tuple("heights", "integer[]", TypeRule.BASE),
            tuple("id", "bigint", TypeRule.BASE),
            tuple("labels", "character varying[]", TypeRule.TEXT),
            tuple("photo", "bytea", TypeRule.BASE),
            tuple("positions", "bigint[]", TypeRule.BASE),
            tuple("scanners", "uuid[]", TypeRule.BASE));
    assertThat(EntityReader.defaults().readPackages("dev.schemakit.entity.fixtures.hibernate").typesNotCompared())
        .isEmpty();
  }

  @Test
  void onlyAConvertersColumnTypeIsLeftUncomparedInTheShopModel() {
    EntityMappings shop = EntityReader.defaults().readPackages("dev.schemakit.entity.fixtures.shop");

    assertThat(shop.typesNotCompared()).containsExactly("Customer.phone");
    assertThat(shop.entity("dev.schemakit.entity.fixtures.shop.Book").orElseThrow().columns())
        .extracting(MappedColumn::name, MappedColumn::type, MappedColumn::rule).contains(
            tuple("blurb", "oid", TypeRule.BASE),
            tuple("tags", "character varying[]", TypeRule.TEXT),
            tuple("format", "smallint", TypeRule.ENUM_ORDINAL),
            tuple("price", "numeric(10,2)", TypeRule.DECLARED_NUMERIC));
    assertThat(shop.entity("dev.schemakit.entity.fixtures.shop.PurchaseOrder").orElseThrow().columns())
        .extracting(MappedColumn::name, MappedColumn::rule).contains(tuple("status", TypeRule.ENUM_NAME));
    assertThat(shop.entity("dev.schemakit.entity.fixtures.shop.Discount")).isEmpty();
    assertThat(shop.entity("dev.schemakit.entity.fixtures.shop.Payment").orElseThrow().columns())
        .extracting(MappedColumn::name).containsExactlyInAnyOrder("id", "order_id", "amount");
  }

  @Test
  void javaxPersistenceIsReadLikeJakarta() {
    EntityMappings entities = EntityReader.defaults().withNaming(NamingStrategy.LOGICAL)
        .readPackages("dev.schemakit.entity.fixtures.legacy");

    MappedEntity user = entities.entities().get(0);
    assertThat(user.columns()).extracting(MappedColumn::name, MappedColumn::type, MappedColumn::rule)
        .containsExactlyInAnyOrder(
            tuple("bnet_id", "integer", TypeRule.BASE),
            tuple("bnet_username", "character varying(64)", TypeRule.TEXT),
            tuple("last_login", "timestamp(6) without time zone", TypeRule.ANY_TIMESTAMP),
            tuple("created_at", "timestamp(6) with time zone", TypeRule.BASE),
            tuple("updated_at", "timestamp(6) with time zone", TypeRule.BASE));
  }

  @Test
  void theCatalogIsAPartialContractOfWhatTheEntitiesSay() {
    Catalog catalog = AGREEING.catalog();

    Table guilds = catalog.table("public", "guilds").orElseThrow();
    assertThat(guilds.strict()).isFalse();
    assertThat(guilds.column("name")).get().extracting(c -> c.type(), c -> c.nullable())
        .containsExactly("character varying(100)", false);
    assertThat(guilds.foreignKeys()).extracting(f -> f.referenceText()).containsExactly("public.users(bnet_id)");
    assertThat(guilds.softDelete().column()).isEqualTo("deleted_at");
    assertThat(catalog.tableCount()).isEqualTo(5);
    assertThat(catalog.table("audit", "guild_events")).isPresent();
  }

  @Test
  void aPackageWithoutEntitiesIsAnErrorNamingIt() {
    assertThatThrownBy(() -> EntityReader.defaults().readPackages("dev.schemakit.nothing.here"))
        .isInstanceOf(EntityMappingException.class)
        .hasMessage("Reading JPA entities from packages dev.schemakit.nothing.here: no class annotated with "
            + "@jakarta.persistence.Entity or @javax.persistence.Entity was found. Check the package name and "
            + "that the classes are compiled.");
  }

  @Test
  void aRelationToANonEntityNamesTheFieldAndTheFix() {
    assertThatThrownBy(() -> EntityReader.defaults().readPackages("dev.schemakit.entity.fixtures.broken"))
        .isInstanceOf(EntityMappingException.class)
        .hasMessage("Reading the JPA mapping of dev.schemakit.entity.fixtures.broken.Orphan.parent: it is a "
            + "@ManyToOne/@OneToOne to dev.schemakit.entity.fixtures.broken.Orphan$NotAnEntity, which is not an "
            + "@Entity among the classes read. Read the package that holds NotAnEntity too.");
  }

  @Test
  void columnDefinitionKeepsOnlyTheType() {
    assertThat(FieldTypes.typeOf("varchar(40) not null default 'x'")).isEqualTo("varchar(40)");
    assertThat(FieldTypes.typeOf("guild_status")).isEqualTo("guild_status");
    assertThat(FieldTypes.typeOf("timestamp with time zone NOT NULL")).isEqualTo("timestamp with time zone");
  }
}
