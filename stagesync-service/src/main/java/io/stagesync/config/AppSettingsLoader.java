package io.stagesync.config;

import io.stagesync.connector.NearestKey;
import io.stagesync.connector.resilience.ResilienceSettingsReader;
import io.stagesync.connector.spi.SystemConnector;
import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.settings.Setting;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code stagesync.*} keys of {@code application.properties}, applies environment
 * overrides, resolves secret references and validates every value, reporting all errors at once.
 *
 * <p>Precedence: environment variable ({@code stagesync.store.jdbc-url} →
 * {@code STAGESYNC_STORE_JDBC_URL}) over the file over the default. A value may be a reference:
 * {@code ${env:NAME}} (an environment variable) or {@code ${file:PATH}} (a file's content,
 * trimmed; relative paths against the config dir). Other keys ({@code camel.*}) are Camel's and
 * pass through untouched. Stateless and thread-safe.
 */
public final class AppSettingsLoader {
    /** The file name inside the config directory. */
    public static final String FILE_NAME = "application.properties";

    /** The prefix of the resilience policies' keys, read by the policies' own settings reader. */
    private static final String RESILIENCE_SECTION = "stagesync.resilience.";

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    private final Map<String, String> env;
    private final SystemConnectors connectors;

    /** @param env the environment to read overrides and {@code ${env:…}} references from */
    public AppSettingsLoader(Map<String, String> env) {
        this(env, SystemConnectors.installed());
    }

    /**
     * @param env        the environment to read overrides and {@code ${env:…}} references from
     * @param connectors the connectors whose settings sections ({@code stagesync.NAME.*}) are known
     */
    public AppSettingsLoader(Map<String, String> env, SystemConnectors connectors) {
        this.env = Map.copyOf(env);
        this.connectors = connectors;
    }

    /**
     * Loads and validates the settings of a config directory; a missing file means all defaults.
     *
     * @throws InvalidConfigException listing every bad key and value
     */
    public AppSettings load(Path configDir) {
        List<ConfigError> errors = new ArrayList<>();
        AppSettings settings = load(configDir, errors);
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingInt(ConfigError::line));
            throw new InvalidConfigException(errors);
        }
        return settings;
    }

    /**
     * Loads the settings, adding every error to {@code errors} instead of throwing, so callers can
     * report them together with other files' errors. A bad value falls back to its default.
     */
    public AppSettings load(Path configDir, List<ConfigError> errors) {
        Path file = configDir.resolve(FILE_NAME);
        String label = file.toString();
        Properties properties = new Properties();
        List<String> lines = List.of();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException | IllegalArgumentException e) {
                errors.add(new ConfigError(label, 0, "", "cannot read: " + e.getMessage()));
            }
        }
        Set<String> known = knownKeys(connectors);
        Map<String, String> moved = movedKeys(connectors, known);
        Map<String, String> typoFixes = new java.util.TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("stagesync.") && !known.contains(name)) {
                String to = moved.get(name);
                if (to != null) {
                    errors.add(new ConfigError(label, lineOf(lines, name), name, "this key has moved: set " + to
                            + " instead (each connector declares its own " + (to.endsWith(LOOK_BACK_KEY)
                            ? "look-back window)" : "daily allowance)")));
                    if (!properties.containsKey(to)) {
                        typoFixes.put(name, to);
                    }
                    continue;
                }
                Optional<String> near = NearestKey.of(name, known);
                errors.add(new ConfigError(label, lineOf(lines, name), name, near.map(k -> "unknown setting; did you mean "
                        + k + "?").orElse("unknown setting (see docs/configuration.md for the keys stagesync "
                        + "knows)")));
                near.filter(k -> inSection(k, connectors) && !properties.containsKey(k)).ifPresent(k -> typoFixes.put(name, k));
            }
        }
        moved.forEach((from, to) -> {
            if (env.containsKey(envName(from))) {
                errors.add(new ConfigError("environment " + envName(from), 0, envName(from), "this setting has moved: "
                        + "set " + to + " in " + FILE_NAME + " (its variable " + envName(to) + " then overrides the "
                        + "value there)"));
            }
        });
        Map<SettingKey, String> values = new EnumMap<>(SettingKey.class);
        Map<SettingKey, String> sources = new EnumMap<>(SettingKey.class);
        for (SettingKey key : SettingKey.values()) {
            String envName = envName(key.key());
            String raw;
            String source;
            int line = 0;
            if (env.containsKey(envName)) {
                raw = env.get(envName);
                source = "environment " + envName;
            } else if (properties.containsKey(key.key())) {
                raw = properties.getProperty(key.key()).trim();
                line = lineOf(lines, key.key());
                source = label + ":" + line;
            } else {
                raw = key.defaultValue();
                source = "default";
            }
            String where = line > 0 ? label : source;
            String value = resolve(raw, key.key(), key.secret(), configDir, where, line, errors);
            if (value != null) {
                String problem = key.validate(value);
                if (problem != null) {
                    errors.add(new ConfigError(where, line, key.key(), problem + " (got \""
                            + (key.secret() ? "******" : value) + "\")"));
                    value = key.defaultValue();
                    source = "default";
                }
                values.put(key, value);
                sources.put(key, source);
            } else {
                values.put(key, key.defaultValue());
                sources.put(key, "default");
            }
        }
        Map<String, String> sectionValues = new java.util.TreeMap<>();
        Map<String, Integer> sectionLines = new java.util.TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            // a misspelt key is reported above; its value is read under the key it most likely meant, so
            // the settings that depend on it report no "is required" cascade caused by the typo
            String key = typoFixes.getOrDefault(name, name);
            if (!inSection(key, connectors) || (!known.contains(name) && !typoFixes.containsKey(name))) {
                continue;
            }
            String envName = envName(name);
            int line = lineOf(lines, name);
            String raw = env.containsKey(envName) ? env.get(envName) : properties.getProperty(name).trim();
            String value = resolve(raw, name, isSecretName(key), configDir, label, line, errors);
            if (value != null) {
                sectionValues.put(key, value);
                sectionLines.put(key, line);
            }
        }
        return new AppSettings(configDir, values, sources, sectionValues, sectionLines);
    }

    private static final String LOOK_BACK_KEY = io.stagesync.connector.spi.SystemSettings.LOOK_BACK_KEY;

    /**
     * The keys that moved into their connector's section, old key to new, for the installed connectors that declare
     * the new one: {@code stagesync.sync.look-back-seconds.NAME} and {@code stagesync.quota.NAME.daily-calls} /
     * {@code .edition}.
     */
    private static Map<String, String> movedKeys(SystemConnectors connectors, Set<String> known) {
        Map<String, String> moved = new java.util.TreeMap<>();
        for (String system : connectors.names()) {
            moved.put("stagesync.sync." + LOOK_BACK_KEY + "." + system, "stagesync." + system + "." + LOOK_BACK_KEY);
            for (String suffix : List.of(io.stagesync.connector.spi.SystemSettings.DAILY_CALLS_KEY, "edition")) {
                moved.put("stagesync.quota." + system + "." + suffix, "stagesync." + system + "." + suffix);
            }
        }
        moved.values().removeIf(to -> !known.contains(to));
        return moved;
    }

    /** The environment variable that overrides a key: upper case, {@code .} and {@code -} as {@code _}. */
    private static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Every {@code stagesync.*} key stagesync reads: this file's {@link SettingKey}s, the connectors'
     * settings keys and each connector's resilience keys.
     */
    static Set<String> knownKeys() {
        return knownKeys(SystemConnectors.installed());
    }

    private static Set<String> knownKeys(SystemConnectors connectors) {
        Set<String> known = new java.util.HashSet<>();
        for (SettingKey key : SettingKey.values()) {
            known.add(key.key());
        }
        for (SystemConnector connector : connectors.all()) {
            known.addAll(Setting.keysOf(connector.settings()));
            known.addAll(ResilienceSettingsReader.keysOf(connector.name()));
        }
        return known;
    }

    /** Keys owned by an installed connector's or a policy's own settings class (validated there). */
    static boolean inSection(String name) {
        return inSection(name, SystemConnectors.installed());
    }

    private static boolean inSection(String name, SystemConnectors connectors) {
        return name.startsWith(RESILIENCE_SECTION)
                || connectors.names().stream().anyMatch(system -> name.startsWith("stagesync." + system + "."));
    }

    /**
     * Section keys whose values are secrets: as an installed connector declares them ({@link Setting#secret()}); a key
     * no connector declares (a typo, reported as such) by its name, so its value is never shown either.
     */
    static boolean isSecretName(String name) {
        for (SystemConnector connector : SystemConnectors.installed().all()) {
            for (Setting setting : connector.settings()) {
                if (setting.key().equals(name)) {
                    return setting.secret();
                }
            }
        }
        String last = name.substring(name.lastIndexOf('.') + 1);
        return last.contains("secret") || last.contains("password") || last.contains("private-key")
                || last.equals("security-token");
    }

    private String resolve(String raw, String key, boolean secret, Path configDir, String where, int line,
                           List<ConfigError> errors) {
        Matcher ref = REFERENCE.matcher(raw);
        if (!ref.matches()) {
            if (secret && !raw.isEmpty()) {
                errors.add(new ConfigError(where, line, key, "a secret must not be written in config: "
                        + "use ${env:NAME} or ${file:PATH}"));
                return null;
            }
            return raw;
        }
        String name = ref.group(2).trim();
        if (ref.group(1).equals("env")) {
            String value = env.get(name);
            if (value == null) {
                errors.add(new ConfigError(where, line, key, "environment variable " + name + " is not set"));
            }
            return value;
        }
        Path path = configDir.resolve(name);
        try {
            return Files.readString(path, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            errors.add(new ConfigError(where, line, key, "cannot read secret file " + path + ": "
                    + (Files.exists(path) ? e.getMessage() : "file not found")));
            return null;
        }
    }

    private static int lineOf(List<String> lines, String key) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).stripLeading();
            if (line.startsWith(key) && line.length() > key.length()
                    && "=: \t".indexOf(line.charAt(key.length())) >= 0) {
                return i + 1;
            }
        }
        return 0;
    }
}
