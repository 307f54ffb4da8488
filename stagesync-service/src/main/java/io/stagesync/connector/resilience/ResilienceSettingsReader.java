package io.stagesync.connector.resilience;

import io.stagesync.settings.Setting;
import io.stagesync.settings.SettingProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a system's resilience policy from {@code stagesync.resilience.SYSTEM.*} keys, with defaults for every key,
 * reporting every bad value at once. The keys are declared once in {@link #SETTINGS} (templates whose key holds
 * {@code SYSTEM}); {@code docs/configuration.md}'s resilience table shows them.
 */
public final class ResilienceSettingsReader {
    public static final String PREFIX = "stagesync.resilience.";
    private static final String TEMPLATE = PREFIX + "SYSTEM.";
    private static final ResilienceSettings DEFAULTS = ResilienceSettings.defaults("SYSTEM", 1);

    static final Setting MAX_ATTEMPTS = Setting.integer(TEMPLATE + "max-attempts", DEFAULTS.maxAttempts(), 1, 10,
            "attempts per call, the first included (1 = no retry)");
    static final Setting INITIAL_BACKOFF = Setting.of(TEMPLATE + "initial-backoff-ms", Setting.Type.INT,
            "wait before the first retry, doubled each retry (a longer `Retry-After` wins)")
            .withBounds(1L, null).withDefault(Long.toString(DEFAULTS.initialBackoff().toMillis()))
            .withTypeNote("int > 0");
    static final Setting MAX_BACKOFF = Setting.of(TEMPLATE + "max-backoff-ms", Setting.Type.INT,
            "cap on the doubled wait")
            .withBounds(1L, null).withDefault(Long.toString(DEFAULTS.maxBackoff().toMillis()))
            .withTypeNote("int ≥ initial");
    static final Setting FAILURE_RATE = Setting.integer(TEMPLATE + "breaker.failure-rate",
            DEFAULTS.failureRateThreshold(), 1, 100, "% of retriable failures in the window that opens the breaker");
    static final Setting WINDOW = Setting.of(TEMPLATE + "breaker.window", Setting.Type.INT,
            "calls the breaker looks at")
            .withBounds(1L, null).withDefault(Integer.toString(DEFAULTS.slidingWindowSize()));
    static final Setting MINIMUM_CALLS = Setting.of(TEMPLATE + "breaker.minimum-calls", Setting.Type.INT,
            "calls before the breaker may open (capped at the window)")
            .withBounds(1L, null).withDefault(Integer.toString(DEFAULTS.minimumCalls()));
    static final Setting OPEN_SECONDS = Setting.of(TEMPLATE + "breaker.open-seconds", Setting.Type.INT,
            "how long an open breaker rejects calls (`CIRCUIT_OPEN`)")
            .withBounds(1L, null).withDefault(Long.toString(DEFAULTS.openStateWait().toSeconds()))
            .withTypeNote("int > 0");
    static final Setting MAX_CONCURRENT_CALLS = Setting.of(TEMPLATE + "max-concurrent-calls", Setting.Type.INT,
            "calls in flight at once under the policy")
            .withBounds(1L, null).withDefaultNote("the connector's `max-concurrent-calls`");
    static final Setting MAX_WAIT_FOR_SLOT = Setting.of(TEMPLATE + "max-wait-for-slot-ms", Setting.Type.INT,
            "how long a call waits for a free slot")
            .withBounds(0L, null).withDefault(Long.toString(DEFAULTS.maxWaitForSlot().toMillis()));

    /** Every resilience setting, as templates: {@code SYSTEM} in each key stands for a connector's name. */
    public static final List<Setting> SETTINGS = List.of(MAX_ATTEMPTS, INITIAL_BACKOFF, MAX_BACKOFF, FAILURE_RATE,
            WINDOW, MINIMUM_CALLS, OPEN_SECONDS, MAX_CONCURRENT_CALLS, MAX_WAIT_FOR_SLOT);

    private ResilienceSettingsReader() {
    }

    /** Every setting of one system's policy, with its full keys ({@code stagesync.resilience.SYSTEM.KEY}). */
    public static List<Setting> settingsOf(String system) {
        return SETTINGS.stream().map(setting -> setting.forSystem(system)).toList();
    }

    /** Every key a system's policy reads, in full ({@code stagesync.resilience.SYSTEM.KEY}). */
    public static Set<String> keysOf(String system) {
        return Setting.keysOf(settingsOf(system));
    }

    /**
     * @param section            resolved keys (full names); keys of other systems are ignored
     * @param defaultConcurrency the vendor-sized default for max-concurrent-calls
     * @param errors             receives one problem per bad key
     * @return the settings, or null when there were errors
     */
    public static ResilienceSettings read(String system, Map<String, String> section, int defaultConcurrency,
                                         List<SettingProblem> errors) {
        String prefix = PREFIX + system + ".";
        Set<String> known = keysOf(system);
        List<SettingProblem> mine = new ArrayList<>();
        section.keySet().stream().filter(key -> key.startsWith(prefix) && !known.contains(key)).sorted()
                .forEach(key -> mine.add(new SettingProblem(key, ": unknown setting (expected one of: "
                        + String.join(", ", known.stream().map(k -> k.substring(prefix.length())).sorted().toList())
                        + ")")));
        long attempts = number(system, section, MAX_ATTEMPTS, DEFAULTS.maxAttempts(), mine);
        long initial = number(system, section, INITIAL_BACKOFF, DEFAULTS.initialBackoff().toMillis(), mine);
        long max = number(system, section, MAX_BACKOFF, DEFAULTS.maxBackoff().toMillis(), mine);
        long rate = number(system, section, FAILURE_RATE, DEFAULTS.failureRateThreshold(), mine);
        long window = number(system, section, WINDOW, DEFAULTS.slidingWindowSize(), mine);
        long minimum = number(system, section, MINIMUM_CALLS, DEFAULTS.minimumCalls(), mine);
        long open = number(system, section, OPEN_SECONDS, DEFAULTS.openStateWait().toSeconds(), mine);
        long concurrent = number(system, section, MAX_CONCURRENT_CALLS, defaultConcurrency, mine);
        long slot = number(system, section, MAX_WAIT_FOR_SLOT, DEFAULTS.maxWaitForSlot().toMillis(), mine);
        if (mine.isEmpty() && max < initial) {
            mine.add(new SettingProblem(MAX_BACKOFF.forSystem(system).key(), "must be at least "
                    + INITIAL_BACKOFF.forSystem(system).key() + " (" + initial + "); got " + max));
        }
        if (!mine.isEmpty()) {
            errors.addAll(mine);
            return null;
        }
        return new ResilienceSettings(system, (int) attempts, Duration.ofMillis(initial), Duration.ofMillis(max),
                (int) rate, (int) window, (int) Math.min(minimum, window), Duration.ofSeconds(open), (int) concurrent,
                Duration.ofMillis(slot));
    }

    private static long number(String system, Map<String, String> section, Setting template, long fallback,
                               List<SettingProblem> errors) {
        String key = template.forSystem(system).key();
        String text = section.get(key);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String problem = template.checkInt(text.trim());
        if (problem != null) {
            errors.add(new SettingProblem(key, problem));
            return fallback;
        }
        return Long.parseLong(text.trim());
    }
}
