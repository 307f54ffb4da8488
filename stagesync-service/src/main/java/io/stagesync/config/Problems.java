package io.stagesync.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Collects configuration errors for one file while its sections are read. Not thread-safe. */
final class Problems {
    private final String file;
    private final List<ConfigError> errors;

    Problems(String file, List<ConfigError> errors) {
        this.file = file;
        this.errors = errors;
    }

    String file() {
        return file;
    }

    void add(YamlNode at, String entry, String message) {
        errors.add(new ConfigError(file, at == null ? 0 : at.line(), entry, message));
    }

    void add(int line, String entry, String message) {
        errors.add(new ConfigError(file, line, entry, message));
    }

    /** The trimmed scalar under {@code key}; adds an error and returns null when missing or blank. */
    String required(YamlNode map, String key, String entry) {
        YamlNode child = map.get(key);
        if (child == null || child.isNull() || (child.isScalar() && child.scalar().isBlank())) {
            add(map, entry, "missing '" + key + "'");
            return null;
        }
        if (!child.isScalar()) {
            add(child, entry, "'" + key + "' must be a single value, not " + child.kind());
            return null;
        }
        return child.scalar().trim();
    }

    /** The list under {@code key}; adds an error when present but not a list. Empty when absent. */
    List<YamlNode> list(YamlNode map, String key, String entry) {
        YamlNode child = map.get(key);
        if (child == null || child.isNull()) {
            return List.of();
        }
        if (!child.isList()) {
            add(child, entry, "'" + key + "' must be a list, not " + child.kind());
            return List.of();
        }
        return child.list();
    }

    /** True when {@code node} is a map; otherwise adds an error saying what it should be. */
    boolean isMap(YamlNode node, String entry, String what) {
        if (node != null && node.isMap()) {
            return true;
        }
        add(node, entry, what + " must be a map of keys, not " + (node == null ? "missing" : node.kind()));
        return false;
    }

    /** Adds an error for each key of {@code map} outside {@code allowed} (catches typos). */
    void onlyKeys(YamlNode map, Set<String> allowed, String entry) {
        for (var e : map.map().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                add(map.keyLine(e.getKey()), entry, "unknown key '" + e.getKey() + "' (expected one of: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }
}
