package dev.schemakit.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.model.ReferentialAction;
import dev.schemakit.model.SoftDeleteKind;
import dev.schemakit.model.TriggerEvent;
import dev.schemakit.model.TriggerLevel;
import dev.schemakit.model.TriggerTiming;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The JSON Schema that editors read ({@code schemakit-contract.schema.json}, in the contracts jar) is held to the
 * reader: every key the reader takes is a property there and nothing else is, and every keyword list is the model's.
 */
class ContractSchemaTests {

  /** Each key set of the reader, by the schema definition that describes the same mapping. */
  static final Map<String, String> DEFINITIONS = new LinkedHashMap<>();

  static {
    DEFINITIONS.put("TABLE_KEYS", "table");
    DEFINITIONS.put("COLUMN_KEYS", "column");
    DEFINITIONS.put("PRIMARY_KEY_KEYS", "primary_key");
    DEFINITIONS.put("FOREIGN_KEY_KEYS", "foreign_key");
    DEFINITIONS.put("INDEX_KEYS", "index");
    DEFINITIONS.put("UNIQUE_KEYS", "unique");
    DEFINITIONS.put("CHECK_KEYS", "check");
    DEFINITIONS.put("TRIGGER_KEYS", "trigger");
    DEFINITIONS.put("RLS_KEYS", "row_level_security");
    DEFINITIONS.put("POLICY_KEYS", "policy");
    DEFINITIONS.put("FUNCTION_KEYS", "function");
    DEFINITIONS.put("DOMAIN_KEYS", "domain");
    DEFINITIONS.put("EXCLUSION_KEYS", "exclusion");
    DEFINITIONS.put("SOFT_DELETE_KEYS", "soft_delete");
    DEFINITIONS.put("VIEW_KEYS", "view");
    DEFINITIONS.put("SEQUENCE_KEYS", "sequence");
    DEFINITIONS.put("EXTENSION_KEYS", "extension");
  }

  static Map<String, Object> schema;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void read() throws IOException {
    try (InputStream in = ContractReader.class.getResourceAsStream("/schemakit-contract.schema.json")) {
      assertThat(in).as("schemakit-contract.schema.json in the contracts jar").isNotNull();
      // JSON is YAML: the reader the contracts already use reads it
      schema = (Map<String, Object>) new Load(LoadSettings.builder().build())
          .loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void everyKeyTheReaderTakesIsInTheSchemaAndNothingElse() throws IllegalAccessException {
    assertThat(properties(schema)).as("the file's keys").isEqualTo(new TreeSet<>(ContractReader.FILE_KEYS));
    Set<String> keySets = new TreeSet<>();
    for (Field field : ContractReader.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getName().endsWith("_KEYS")
          && !field.getName().equals("FILE_KEYS")) {
        keySets.add(field.getName());
        String definition = DEFINITIONS.get(field.getName());
        assertThat(definition).as("the schema definition of ContractReader." + field.getName()
            + " (add it to the schema and to DEFINITIONS)").isNotNull();
        assertThat(properties(definition(definition))).as(definition + " against ContractReader." + field.getName())
            .isEqualTo(new TreeSet<>(asStrings((Set<?>) field.get(null))));
      }
    }
    assertThat(keySets).isEqualTo(DEFINITIONS.keySet().stream().collect(java.util.stream.Collectors.toCollection(
        TreeSet::new)));
  }

  @Test
  void everyKeywordListIsTheModels() {
    assertThat(enumOf(definition("action"))).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(ReferentialAction.values()).map(ReferentialAction::keyword).toList());
    Map<String, Object> trigger = propertyMap(definition("trigger"));
    assertThat(enumOf(property(trigger, "timing"))).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(TriggerTiming.values()).map(TriggerTiming::keyword).toList());
    assertThat(enumOf(items(property(trigger, "events")))).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(TriggerEvent.values()).map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList());
    assertThat(enumOf(property(trigger, "level"))).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(TriggerLevel.values()).map(TriggerLevel::keyword).toList());
    assertThat(enumOf(property(propertyMap(definition("soft_delete")), "kind")))
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(SoftDeleteKind.values()).map(SoftDeleteKind::keyword)
            .toList());
    assertThat(enumOf(property(propertyMap(definition("policy")), "command")))
        .containsExactlyInAnyOrderElementsOf(ContractReader.POLICY_COMMANDS);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> definition(String name) {
    Object found = ((Map<String, Object>) schema.get("$defs")).get(name);
    assertThat(found).as("$defs." + name).isNotNull();
    return (Map<String, Object>) found;
  }

  private static Set<String> properties(Map<String, Object> node) {
    return new TreeSet<>(propertyMap(node).keySet());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> propertyMap(Map<String, Object> node) {
    return (Map<String, Object>) node.get("properties");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> property(Map<String, Object> properties, String name) {
    return (Map<String, Object>) properties.get(name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> items(Map<String, Object> node) {
    return (Map<String, Object>) node.get("items");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> enumOf(Map<String, Object> node) {
    return (List<Object>) node.get("enum");
  }

  private static List<String> asStrings(Set<?> values) {
    return values.stream().map(String::valueOf).toList();
  }
}
