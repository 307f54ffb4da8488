package io.stagesync.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.eloqua.EloquaSettings;
import io.stagesync.connector.netsuite.NetSuiteSettings;
import io.stagesync.connector.pardot.PardotSettings;
import io.stagesync.connector.resilience.ResilienceSettingsReader;
import io.stagesync.connector.salesforce.SalesforceSettings;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} in step with the code, both ways: each key in its tables is one stagesync reads,
 * each key the code declares ({@link SettingKey}, the {@code KEY_} constants of the four connector settings
 * classes, the resilience keys of every connector) has a row, the defaults it shows are the code's, and the
 * type column says {@code secret} exactly for the keys stagesync treats as secrets (references only, masked).
 *
 * <p>A table row is {@code | `key` | type | default | meaning |}; {@code SYSTEM} in a key stands for every
 * connector.
 */
class ConfigurationDocCoversEverySettingTest {
    private static final Path PAGE = Path.of("docs", "configuration.md");
    private static final List<Class<?>> SETTINGS_CLASSES = List.of(SalesforceSettings.class, NetSuiteSettings.class,
            PardotSettings.class, EloquaSettings.class);

    /** One documented key with its row's cells. */
    private record Row(int line, String type, String defaultValue) {
    }

    private static Map<String, Row> documented;

    @BeforeAll
    static void readPage() throws IOException {
        documented = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(PAGE, StandardCharsets.UTF_8);
        List<String> twice = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("| `stagesync.")) {
                continue;
            }
            String[] cells = line.substring(1).split("(?<!\\\\)\\|");
            assertThat(cells.length).as(PAGE + ":" + (i + 1) + " has key, type, default and meaning").isGreaterThanOrEqualTo(4);
            String key = cells[0].trim().replace("`", "");
            Row row = new Row(i + 1, cells[1].trim(), cells[2].trim());
            for (String expanded : expand(key)) {
                if (documented.put(expanded, row) != null) {
                    twice.add(expanded);
                }
            }
        }
        assertThat(twice).as("keys with more than one row").isEmpty();
    }

    @Test
    void everyDocumentedKeyIsOneStagesyncReads() {
        Set<String> known = AppSettingsLoader.knownKeys();
        List<String> unknown = documented.entrySet().stream().filter(e -> !known.contains(e.getKey()))
                .map(e -> PAGE + ":" + e.getValue().line() + ": " + e.getKey()).toList();

        assertThat(documented).as("the page's tables").hasSizeGreaterThan(100);
        assertThat(unknown).as("keys in " + PAGE + " that stagesync does not read").isEmpty();
    }

    @Test
    void everyKeyTheCodeDeclaresHasARow() throws IllegalAccessException {
        Set<String> declared = new TreeSet<>(AppSettingsLoader.knownKeys());
        for (SettingKey key : SettingKey.values()) {
            declared.add(key.key());
        }
        for (Class<?> settings : SETTINGS_CLASSES) {
            declared.addAll(keyConstants(settings).values());
        }
        for (String system : StagesyncConfig.AVAILABLE_CONNECTORS) {
            declared.addAll(ResilienceSettingsReader.keysOf(system));
        }

        assertThat(declared).as("keys the code declares").hasSizeGreaterThan(100);
        assertThat(new TreeSet<>(declared)).as("keys missing from " + PAGE).isSubsetOf(documented.keySet());
    }

    @Test
    void theGeneralSettingsShowTheCodesDefaults() {
        List<String> wrong = new ArrayList<>();
        for (SettingKey key : SettingKey.values()) {
            Row row = documented.get(key.key());
            String expected = key.defaultValue().isEmpty() ? "*(empty)*" : "`" + key.defaultValue() + "`";
            if (row != null && !row.defaultValue().equals(expected)) {
                wrong.add(key.key() + ": documented " + row.defaultValue() + ", the code's is " + expected);
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** {@code KEY_FOO} against {@code DEFAULT_FOO} (or {@code DEFAULT_FOO_SECONDS}) of the same settings class. */
    @Test
    void theConnectorSettingsShowTheCodesDefaults() throws IllegalAccessException {
        List<String> wrong = new ArrayList<>();
        int compared = 0;
        for (Class<?> settings : SETTINGS_CLASSES) {
            for (Map.Entry<String, String> key : keyConstants(settings).entrySet()) {
                String suffix = key.getKey().substring("KEY_".length());
                Object value = constant(settings, "DEFAULT_" + suffix);
                if (value == null) {
                    value = constant(settings, "DEFAULT_" + suffix + "_SECONDS");
                }
                if (value == null) {
                    continue;
                }
                compared++;
                Row row = documented.get(key.getValue());
                String expected = "`" + value + "`";
                if (row != null && !row.defaultValue().equals(expected)) {
                    wrong.add(key.getValue() + ": documented " + row.defaultValue() + ", the code's is " + expected);
                }
            }
        }
        assertThat(compared).as("keys with a DEFAULT_ constant").isGreaterThan(30);
        assertThat(wrong).isEmpty();
    }

    @Test
    void exactlyTheSecretKeysAreMarkedSecret() {
        List<String> wrong = new ArrayList<>();
        documented.forEach((key, row) -> {
            boolean secret = SettingKey.byKey(key).map(SettingKey::secret)
                    .orElseGet(() -> AppSettingsLoader.inSection(key) && AppSettingsLoader.isSecretName(key));
            if (secret != row.type().equals("secret")) {
                wrong.add(key + ": type '" + row.type() + "', stagesync " + (secret ? "treats it as" : "does not treat it as")
                        + " a secret");
            }
        });
        assertThat(wrong).isEmpty();
    }

    private static List<String> expand(String key) {
        if (!key.contains("SYSTEM")) {
            return List.of(key);
        }
        return StagesyncConfig.AVAILABLE_CONNECTORS.stream().sorted().map(s -> key.replace("SYSTEM", s)).toList();
    }

    /** The class's public static {@code KEY_*} String constants: constant name → key. */
    private static Map<String, String> keyConstants(Class<?> settings) throws IllegalAccessException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Field field : settings.getFields()) {
            if (field.getName().startsWith("KEY_") && Modifier.isStatic(field.getModifiers())
                    && field.getType() == String.class) {
                keys.put(field.getName(), (String) field.get(null));
            }
        }
        assertThat(keys).as(settings.getSimpleName() + "'s KEY_ constants").isNotEmpty();
        return keys;
    }

    private static Object constant(Class<?> settings, String name) throws IllegalAccessException {
        try {
            Field field = settings.getField(name);
            return Modifier.isStatic(field.getModifiers()) ? field.get(null) : null;
        } catch (NoSuchFieldException e) {
            return null;
        }
    }
}
