package io.stagesync.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML value that remembers the line it came from, so validation can point at it.
 *
 * <p>Exactly one of {@code scalar}, {@code map}, {@code list} is non-null, or none for YAML null.
 * Immutable.
 *
 * @param line     1-based line of the value's start
 * @param keyLines for a map, the 1-based line of each key
 */
public record YamlNode(String scalar, Map<String, YamlNode> map, List<YamlNode> list, int line,
                       Map<String, Integer> keyLines) {
    public YamlNode {
        map = map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
        list = list == null ? null : List.copyOf(list);
        keyLines = keyLines == null ? Map.of() : Map.copyOf(keyLines);
    }

    YamlNode(String scalar, Map<String, YamlNode> map, List<YamlNode> list, int line) {
        this(scalar, map, list, line, null);
    }

    /** The line of a map key (where an admin looks for a misspelt key), or this node's line. */
    public int keyLine(String key) {
        return keyLines.getOrDefault(key, line);
    }

    public boolean isScalar() {
        return scalar != null;
    }

    public boolean isMap() {
        return map != null;
    }

    public boolean isList() {
        return list != null;
    }

    public boolean isNull() {
        return scalar == null && map == null && list == null;
    }

    /** The child under {@code key} of a map, or null when absent or when this is not a map. */
    public YamlNode get(String key) {
        return map == null ? null : map.get(key);
    }

    /** The scalar text under {@code key}, trimmed, or null when absent or not a scalar. */
    public String text(String key) {
        YamlNode child = get(key);
        return child == null || child.scalar == null ? null : child.scalar.trim();
    }

    /** What kind of value this is, for error messages ("a list", "a map", "a value", "empty"). */
    public String kind() {
        if (isMap()) {
            return "a map";
        }
        if (isList()) {
            return "a list";
        }
        return isScalar() ? "a value" : "empty";
    }
}
