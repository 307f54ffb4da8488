package io.stagesync.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of one request, parsed strictly: an unknown or repeated parameter is a 400 naming
 * it, so a typo never silently widens a filter. Empty values count as absent. Immutable.
 */
public final class AdminQuery {
    private final Map<String, String> values;

    private AdminQuery(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** No parameters. */
    public static AdminQuery empty() {
        return new AdminQuery(Map.of());
    }

    /**
     * Parses a raw (percent-encoded) query string.
     *
     * @param raw     nullable: the query without {@code ?}
     * @param allowed the parameter names the endpoint takes
     * @throws AdminException 400 for an unknown, repeated or badly encoded parameter
     */
    public static AdminQuery parse(String raw, Set<String> allowed) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return new AdminQuery(values);
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "a parameter name");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            if (!allowed.contains(name)) {
                throw AdminException.badParameter(name, "unknown parameter '" + name + "'"
                        + (allowed.isEmpty() ? ": this endpoint takes none" : "; this endpoint takes: "
                        + String.join(", ", new TreeSet<>(allowed))));
            }
            if (values.containsKey(name)) {
                throw AdminException.badParameter(name, "parameter '" + name + "' is given more than once");
            }
            values.put(name, value.trim());
        }
        values.values().removeIf(String::isEmpty);
        return new AdminQuery(values);
    }

    private static String decode(String text, String what) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AdminException.badParameter(what, "bad percent-encoding in " + what);
        }
    }

    /** Nullable: the parameter's value, absent or empty → null. */
    public String string(String name) {
        return values.get(name);
    }

    /**
     * Nullable: an instant given as ISO-8601 ({@code 2026-03-01T00:00:00Z}) or a date ({@code 2026-03-01},
     * meaning 00:00 UTC).
     */
    public Instant instant(String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw AdminException.badParameter(name, "parameter '" + name + "' must be a date (2026-03-01) or an "
                    + "ISO-8601 instant (2026-03-01T00:00:00Z), got '" + value + "'");
        }
    }

    /** The whole number in [min, max], or the default when absent. */
    public int intIn(String name, int min, int max, int defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw AdminException.badParameter(name, "parameter '" + name + "' must be a whole number from " + min
                + " to " + max + ", got '" + value + "'");
    }

    /** Nullable: the enum constant named by the value (case-insensitive), or null when absent. */
    public <E extends Enum<E>> E enumOf(String name, Class<E> type) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        Set<String> names = new TreeSet<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(java.util.Locale.ROOT));
        }
        throw AdminException.badParameter(name, "parameter '" + name + "' must be one of " + String.join(", ", names)
                + ", got '" + value + "'");
    }
}
