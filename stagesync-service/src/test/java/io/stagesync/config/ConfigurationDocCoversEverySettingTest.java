package io.stagesync.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.resilience.ResilienceSettingsReader;
import io.stagesync.connector.spi.SystemConnector;
import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.settings.Setting;
import java.io.IOException;
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
 * {@code docs/configuration.md} in step with the code, both ways: the tables' rows are exactly the rows of the
 * {@link Setting} declarations ({@link SettingKey}, every installed connector's {@link SystemConnector#settings()},
 * the resilience templates of {@link ResilienceSettingsReader}), so key, type, default, secrecy and meaning are
 * written once, in the code; and every key stagesync reads has a declaration.
 *
 * <p>A table row is {@code | `key` | type | default | meaning |}; {@code SYSTEM} in a key stands for every
 * connector. When a declaration changes, a failure here prints the row to paste into the page.
 */
class ConfigurationDocCoversEverySettingTest {
    private static final Path PAGE = Path.of("docs", "configuration.md");

    /** The page's setting rows, by key as written (a template keeps {@code SYSTEM}): line number and text. */
    private static Map<String, String> documented;
    private static Map<String, Integer> lineOf;

    @BeforeAll
    static void readPage() throws IOException {
        documented = new LinkedHashMap<>();
        lineOf = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(PAGE, StandardCharsets.UTF_8);
        List<String> twice = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("| `stagesync.")) {
                continue;
            }
            String key = line.substring(3, line.indexOf('`', 3));
            if (documented.put(key, line) != null) {
                twice.add(key);
            }
            lineOf.put(key, i + 1);
        }
        assertThat(twice).as("keys with more than one row").isEmpty();
    }

    /** Every declaration as the page shows it: general keys, each installed connector's, resilience templates. */
    private static List<Setting> declarations() {
        List<Setting> all = new ArrayList<>();
        for (SettingKey key : SettingKey.values()) {
            all.add(key.setting());
        }
        for (SystemConnector connector : SystemConnectors.installed().all()) {
            all.addAll(connector.settings());
        }
        all.addAll(ResilienceSettingsReader.SETTINGS);
        return all;
    }

    @Test
    void eachDeclarationsRowIsOnThePageAsDeclared() {
        List<String> wrong = new ArrayList<>();
        for (Setting setting : declarations()) {
            String row = documented.get(setting.key());
            if (row == null) {
                wrong.add("missing from " + PAGE + ":\n" + setting.docRow());
            } else if (!row.equals(setting.docRow())) {
                wrong.add(PAGE + ":" + lineOf.get(setting.key()) + " differs from the declaration; the row is:\n"
                        + setting.docRow());
            }
        }
        assertThat(declarations()).as("declared settings").hasSizeGreaterThan(100);
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyRowOnThePageIsADeclaration() {
        Set<String> declared = new TreeSet<>();
        declarations().forEach(setting -> declared.add(setting.key()));
        List<String> unknown = documented.keySet().stream().filter(key -> !declared.contains(key))
                .map(key -> PAGE + ":" + lineOf.get(key) + ": " + key).toList();
        assertThat(unknown).as("keys in " + PAGE + " that no declaration has").isEmpty();
    }

    @Test
    void everyKeyStagesyncReadsIsDeclared() {
        Set<String> declared = new TreeSet<>();
        declarations().forEach(setting -> declared.add(setting.key()));
        for (String system : StagesyncConfig.AVAILABLE_CONNECTORS) {
            declared.addAll(ResilienceSettingsReader.keysOf(system));
        }
        assertThat(AppSettingsLoader.knownKeys()).as("keys stagesync reads").isSubsetOf(declared);
    }

    @Test
    void exactlyTheDeclaredSecretsAreTreatedAsSecrets() {
        List<String> wrong = new ArrayList<>();
        for (Setting setting : declarations()) {
            String key = setting.key();
            if (key.contains("SYSTEM")) {
                continue;
            }
            boolean treated = SettingKey.byKey(key).map(SettingKey::secret)
                    .orElseGet(() -> AppSettingsLoader.inSection(key) && AppSettingsLoader.isSecretName(key));
            if (treated != setting.secret()) {
                wrong.add(key + ": declared " + (setting.secret() ? "secret" : "not secret") + ", treated "
                        + (treated ? "as" : "not as") + " a secret");
            }
        }
        assertThat(wrong).isEmpty();
    }
}
