package io.stagesync.connector;

import io.stagesync.settings.Setting;
import io.stagesync.settings.SettingProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The value look-ups and checks every connector's settings class shares: one instance reads one
 * connector section and collects every problem, so the settings class can report them all at once.
 *
 * <p>Contract of every helper: a value is the trimmed text under its key, and a missing, null or
 * blank value counts as absent. A helper that finds a bad value adds exactly one {@link SettingProblem}
 * naming the key, and returns its documented fallback; it never throws. Problems keep the order they
 * were found in. The vendor-specific checks stay in the settings classes, which subclass this and add
 * their own problems with {@link #problem(String, String)}. Whole numbers are read by key
 * ({@link #intIn(String)}) with the default and bounds of the connector's {@link Setting} declarations.
 *
 * <p>Not thread-safe: one instance per read, on one thread.
 */
public class ConnectorSettingsReader {
    private final Map<String, String> values;
    private final Map<String, Setting> declared = new java.util.HashMap<>();
    private final List<SettingProblem> problems = new ArrayList<>();

    /**
     * @param values   key to resolved value, not copied; keys outside the connector's prefix are
     *                 ignored by every helper except {@link #rejectUnknownKeys}, which looks only under it
     * @param declared the connector's settings, for the defaults and bounds of {@link #intIn(String)}
     */
    public ConnectorSettingsReader(Map<String, String> values, List<Setting> declared) {
        this.values = values;
        declared.forEach(setting -> this.declared.put(setting.key(), setting));
    }

    /** The trimmed value under {@code key}, or null when absent or blank. */
    public final String get(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * Records one problem with {@code key}.
     *
     * @param message what is wrong, worded to follow the key ({@code "must be …"}); never a secret's value
     */
    public final void problem(String key, String message) {
        problems.add(new SettingProblem(key, message));
    }

    /** Every problem found so far, in the order found; an immutable copy. */
    public final List<SettingProblem> problems() {
        return List.copyOf(problems);
    }

    public final boolean hasProblems() {
        return !problems.isEmpty();
    }

    /**
     * Adds {@code "KEY is not WHAT; did you mean NEAREST?"} (or {@code "KEY is not WHAT (known: [...])"}
     * when no known key is close, see {@link NearestKey}) for each key under {@code prefix} outside
     * {@code known}, in sorted order (such keys are usually typos).
     *
     * @param what e.g. {@code "a NetSuite setting"}
     */
    public final void rejectUnknownKeys(String prefix, Set<String> known, String what) {
        Set<String> unknown = new TreeSet<>();
        for (String key : values.keySet()) {
            if (key.startsWith(prefix) && !known.contains(key)) {
                unknown.add(key);
            }
        }
        for (String key : unknown) {
            problem(key, NearestKey.of(key, known).map(near -> "is not " + what + "; did you mean " + near + "?")
                    .orElse("is not " + what + " (known: " + new TreeSet<>(known) + ")"));
        }
    }

    /**
     * The value under {@code key}; when absent, adds {@code "KEY is required WHEN: WHAT"} (or
     * {@code "KEY is required: WHAT"} when {@code when} is empty) and returns null.
     *
     * @param when the condition that makes the key required, e.g. {@code "when …auth-type=tba"}, or empty
     * @param what what the value is, e.g. {@code "the integration record's consumer key"}
     */
    public final String required(String key, String when, String what) {
        String value = get(key);
        if (value == null) {
            problem(key, "is required" + (when.isEmpty() ? "" : " " + when) + ": " + what);
        }
        return value;
    }

    /**
     * The whole number under the declared {@code key} if it lies within the declaration's bounds; the
     * declared default when absent; otherwise adds {@code "must be a whole number from MIN to MAX; got 'VALUE'"}
     * and returns the default.
     *
     * @throws IllegalArgumentException when {@code key} is not a declared whole number with a default (a bug)
     */
    public final int intIn(String key) {
        Setting setting = declared.get(key);
        if (setting == null || setting.type() != Setting.Type.INT || setting.min() == null || setting.max() == null) {
            throw new IllegalArgumentException(key + " is not declared as a bounded whole number");
        }
        int min = setting.min().intValue();
        int max = setting.max().intValue();
        return intIn(key, setting.defaultInt(), min, max,
                value -> "must be a whole number from " + min + " to " + max + "; got '" + value + "'");
    }

    /**
     * The whole number under {@code key} if it lies in {@code [min, max]}; {@code defaultValue} when absent;
     * otherwise adds the caller's problem and returns {@code defaultValue}.
     *
     * @param problemFor the problem's message (worded to follow the key), given the offending (trimmed) value
     */
    public final int intIn(String key, int defaultValue, int min, int max, UnaryOperator<String> problemFor) {
        String value = get(key);
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
        problem(key, problemFor.apply(value));
        return defaultValue;
    }

    /**
     * The three call timeouts under {@code prefix} ({@code PREFIX}{@value CallTimeouts#CONNECT_KEY},
     * {@value CallTimeouts#READ_KEY}, {@value CallTimeouts#CALL_KEY}), each a whole number of seconds
     * from 1 to {@value CallTimeouts#MAX_SECONDS}, an absent one taken from {@code defaults}. A bad
     * number adds one problem naming its key; a call timeout below the connect or read timeout adds
     * one naming the call key. Returns {@code defaults} when there was a problem.
     *
     * @param prefix the connector's prefix, e.g. {@code stagesync.netsuite.}
     */
    public final CallTimeouts timeouts(String prefix, CallTimeouts defaults) {
        int before = problems.size();
        int connect = seconds(prefix + CallTimeouts.CONNECT_KEY, defaults.connect().toSeconds());
        int read = seconds(prefix + CallTimeouts.READ_KEY, defaults.read().toSeconds());
        int call = seconds(prefix + CallTimeouts.CALL_KEY, defaults.call().toSeconds());
        if (problems.size() > before) {
            return defaults;
        }
        if (call < connect || call < read) {
            problem(prefix + CallTimeouts.CALL_KEY, "must be at least " + CallTimeouts.CONNECT_KEY + " ("
                    + connect + ") and " + CallTimeouts.READ_KEY + " (" + read + "): a whole call cannot be shorter"
                    + " than one of its parts; got " + call);
            return defaults;
        }
        return CallTimeouts.ofSeconds(connect, read, call);
    }

    /**
     * The look-back window under {@code prefix}{@value io.stagesync.connector.spi.SystemSettings#LOOK_BACK_KEY}, as
     * declared ({@link io.stagesync.connector.spi.SystemSettings#lookBackSetting}): the declared default when absent;
     * out of bounds or not a number adds one problem naming the key and gives the default.
     */
    public final java.time.Duration lookBack(String prefix) {
        return java.time.Duration.ofSeconds(intIn(prefix + io.stagesync.connector.spi.SystemSettings.LOOK_BACK_KEY));
    }

    /**
     * The daily call allowance under {@code prefix}{@value io.stagesync.connector.spi.SystemSettings#DAILY_CALLS_KEY}:
     * empty when absent or blank; a whole number of at least 1 otherwise, else one problem naming the key (and empty).
     */
    public final java.util.OptionalLong dailyCalls(String prefix) {
        String key = prefix + io.stagesync.connector.spi.SystemSettings.DAILY_CALLS_KEY;
        String value = get(key);
        if (value == null || value.isBlank()) {
            return java.util.OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 1) {
                return java.util.OptionalLong.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(key, "must be a whole number of at least 1, or empty; got '" + value.trim() + "'");
        return java.util.OptionalLong.empty();
    }

    private int seconds(String key, long defaultValue) {
        return intIn(key, (int) defaultValue, 1, CallTimeouts.MAX_SECONDS,
                value -> "must be a whole number of seconds from 1 to " + CallTimeouts.MAX_SECONDS
                        + "; got '" + value + "'");
    }

    /**
     * The {@code http} or {@code https} URL under {@code key} without trailing slashes; it must name a
     * host and have no query, fragment or user info (a path is allowed). Null when absent, or when
     * invalid (then one problem names the first rule broken).
     */
    public final String httpUrl(String key) {
        String value = get(key);
        if (value == null) {
            return null;
        }
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problem(key, "must be an http or https URL; got '" + value + "'");
            } else if (uri.getHost() == null) {
                problem(key, "must name a host; got '" + value + "'");
            } else if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                problem(key, "must not have a query, a fragment or user info; got '" + value + "'");
            } else {
                return value;
            }
        } catch (URISyntaxException e) {
            problem(key, "is not a valid URL (" + e.getReason() + "); got '" + value + "'");
        }
        return null;
    }

    /**
     * The absolute path of the readable regular file named under {@code key}. Null when absent
     * (no problem: callers word their own "required" message), or when not a valid path or not a
     * readable file (then one problem).
     */
    public final Path readableFile(String key) {
        String value = get(key);
        if (value == null) {
            return null;
        }
        Path path;
        try {
            path = Path.of(value).toAbsolutePath();
        } catch (InvalidPathException e) {
            problem(key, "is not a valid path: " + value);
            return null;
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            problem(key, "must be a readable file; got " + value);
            return null;
        }
        return path;
    }

    /**
     * The time zone under {@code key}; {@code defaultValue} when absent; otherwise adds
     * {@code "KEY must be a time zone id such as EXAMPLES; got 'VALUE'"} and returns {@code defaultValue}.
     *
     * @param examples e.g. {@code "UTC or America/New_York"}
     */
    public final ZoneId zoneId(String key, ZoneId defaultValue, String examples) {
        String value = get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            problem(key, "must be a time zone id such as " + examples + "; got '" + value + "'");
            return defaultValue;
        }
    }

    /**
     * The constant of {@code choices} whose configured name equals the value under {@code key},
     * ignoring case; {@code defaultValue} when absent; otherwise adds
     * {@code "KEY must be EXPECTED; got 'VALUE'"} and returns null.
     *
     * @param name     a constant's spelling in configuration
     * @param expected the valid spellings in words, e.g. {@code "tba or oauth2-m2m"}
     */
    public final <E extends Enum<E>> E choice(String key, E[] choices, Function<E, String> name, E defaultValue,
                                              String expected) {
        String value = get(key);
        if (value == null) {
            return defaultValue;
        }
        E chosen = Arrays.stream(choices).filter(c -> name.apply(c).equalsIgnoreCase(value)).findFirst().orElse(null);
        if (chosen == null) {
            problem(key, "must be " + expected + "; got '" + value + "'");
        }
        return chosen;
    }
}
