package dev.schemakit.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlTypesTests {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "int                      | integer",
      "INT4                     | integer",
      "serial                   | integer",
      "bigserial                | bigint",
      "int2                     | smallint",
      "varchar(255)             | character varying(255)",
      "character varying(255)   | character varying(255)",
      "varchar                  | character varying",
      "timestamptz              | timestamp with time zone",
      "timestamptz(3)           | timestamp(3) with time zone",
      "timestamp                | timestamp without time zone",
      "timestamp(3) without time zone | timestamp(3) without time zone",
      "bool                     | boolean",
      "float8                   | double precision",
      "float(10)                | real",
      "decimal(10, 2)           | numeric(10,2)",
      "numeric(5)               | numeric(5,0)",
      "int[]                    | integer[]",
      "_int4                    | integer[]",
      "char                     | character(1)",
      "guild_status             | guild_status",
  })
  void canonicalisesAliases(String written, String canonical) {
    assertThat(SqlTypes.canonical(written)).isEqualTo(canonical);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "character varying(255)      | varchar(255)",
      "timestamp with time zone    | timestamptz",
      "timestamp(3) with time zone | timestamptz(3)",
      "integer                     | integer",
      "text[]                      | text[]",
  })
  void prefersTheShortSpelling(String canonical, String preferred) {
    assertThat(SqlTypes.preferred(canonical)).isEqualTo(preferred);
  }
}
