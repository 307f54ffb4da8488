package io.stagesync.config;

import io.stagesync.store.StoreSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The validated {@code stagesync.*} settings, secrets resolved. Immutable.
 *
 * <p>Built only by {@link AppSettingsLoader}; every key has a value (its default when unset).
 */
public final class AppSettings {
    private final Path configDir;
    private final Map<SettingKey, String> values;
    private final Map<SettingKey, String> sources;
    private final Map<String, String> sectionValues;
    private final Map<String, Integer> sectionLines;

    AppSettings(Path configDir, Map<SettingKey, String> values, Map<SettingKey, String> sources,
                Map<String, String> sectionValues, Map<String, Integer> sectionLines) {
        this.configDir = Objects.requireNonNull(configDir, "configDir");
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
        this.sources = Collections.unmodifiableMap(new EnumMap<>(sources));
        this.sectionValues = Map.copyOf(sectionValues);
        this.sectionLines = Map.copyOf(sectionLines);
    }

    /**
     * The resolved keys under a section prefix (e.g. {@code stagesync.netsuite.}), full key to value,
     * for the connector's own settings class to validate.
     */
    public Map<String, String> section(String prefix) {
        Map<String, String> out = new java.util.TreeMap<>();
        sectionValues.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The line of a section key in application.properties, or 0. */
    public int lineOf(String key) {
        return sectionLines.getOrDefault(key, 0);
    }

    /** The config directory these settings came from. */
    public Path configDir() {
        return configDir;
    }

    /** The resolved value of a key, never null (empty when unset and defaulting to empty). */
    public String get(SettingKey key) {
        return values.get(key);
    }

    /** The state database settings: PostgreSQL when a JDBC URL is set, else embedded H2 under the data dir. */
    public StoreSettings storeSettings() {
        int pool = Integer.parseInt(get(SettingKey.STORE_POOL_SIZE).trim());
        String url = get(SettingKey.STORE_JDBC_URL);
        if (url.isEmpty()) {
            StoreSettings h2 = StoreSettings.h2Default(Path.of(get(SettingKey.DATA_DIR)));
            return new StoreSettings(h2.jdbcUrl(), h2.username(), h2.password(), pool);
        }
        String password = get(SettingKey.STORE_PASSWORD);
        return new StoreSettings(url, get(SettingKey.STORE_USERNAME), password.isEmpty() ? null : password, pool);
    }

    /** The connectors the admin asked for, in the order given; empty when none. */
    public List<String> connectors() {
        String raw = get(SettingKey.CONNECTORS).trim();
        if (raw.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public int heartbeatSeconds() {
        return Integer.parseInt(get(SettingKey.HEARTBEAT_SECONDS).trim());
    }

    /** The effective configuration, one line per key, secrets masked, with where each value came from. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (SettingKey key : SettingKey.values()) {
            String value = values.get(key);
            String shown = key.secret() && !value.isEmpty() ? "******" : value;
            lines.add(key.key() + "=" + shown + "  (" + sources.get(key) + ")");
        }
        sectionValues.forEach((key, value) -> lines.add(key + "="
                + (AppSettingsLoader.isSecretName(key) && !value.isEmpty() ? "******" : value)));
        return lines;
    }
}
