package io.stagesync.connector.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a system's resilience policy from {@code stagesync.resilience.SYSTEM.*} keys, with
 * defaults for every key, reporting every bad value at once.
 *
 * <table>
 * <caption>Keys (under stagesync.resilience.SYSTEM.)</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>max-attempts</td><td>4</td><td>attempts per call including the first, 1-10</td></tr>
 * <tr><td>initial-backoff-ms</td><td>1000</td><td>first retry wait, doubled each retry (a longer Retry-After wins)</td></tr>
 * <tr><td>max-backoff-ms</td><td>60000</td><td>cap on the doubled wait</td></tr>
 * <tr><td>breaker.failure-rate</td><td>50</td><td>% of retriable failures in the window that opens the breaker</td></tr>
 * <tr><td>breaker.window</td><td>20</td><td>calls the breaker looks at</td></tr>
 * <tr><td>breaker.minimum-calls</td><td>10</td><td>calls before the breaker may open</td></tr>
 * <tr><td>breaker.open-seconds</td><td>60</td><td>how long an open breaker rejects calls</td></tr>
 * <tr><td>max-concurrent-calls</td><td>per system</td><td>calls in flight at once (vendor limit)</td></tr>
 * <tr><td>max-wait-for-slot-ms</td><td>30000</td><td>wait for a free call slot</td></tr>
 * </table>
 */
public final class ResilienceSettingsReader {
    public static final String PREFIX = "stagesync.resilience.";
    private static final Set<String> KEYS = Set.of("max-attempts", "initial-backoff-ms", "max-backoff-ms",
            "breaker.failure-rate", "breaker.window", "breaker.minimum-calls", "breaker.open-seconds",
            "max-concurrent-calls", "max-wait-for-slot-ms");

    private ResilienceSettingsReader() {
    }

    /** Every key a system's policy reads, in full ({@code stagesync.resilience.SYSTEM.KEY}). */
    public static Set<String> keysOf(String system) {
        return KEYS.stream().map(key -> PREFIX + system + "." + key).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * @param section            resolved keys (full names); keys of other systems are ignored
     * @param defaultConcurrency the vendor-sized default for max-concurrent-calls
     * @param errors             receives one message per bad key, naming it
     * @return the settings, or null when there were errors
     */
    public static ResilienceSettings read(String system, Map<String, String> section, int defaultConcurrency,
                                         List<String> errors) {
        String prefix = PREFIX + system + ".";
        List<String> mine = new ArrayList<>();
        section.forEach((key, value) -> {
            if (key.startsWith(prefix) && !KEYS.contains(key.substring(prefix.length()))) {
                mine.add(key + ": unknown setting (expected one of: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        });
        ResilienceSettings d = ResilienceSettings.defaults(system, defaultConcurrency);
        int attempts = (int) number(section, prefix + "max-attempts", d.maxAttempts(), mine);
        long initial = number(section, prefix + "initial-backoff-ms", d.initialBackoff().toMillis(), mine);
        long max = number(section, prefix + "max-backoff-ms", d.maxBackoff().toMillis(), mine);
        int rate = (int) number(section, prefix + "breaker.failure-rate", d.failureRateThreshold(), mine);
        int window = (int) number(section, prefix + "breaker.window", d.slidingWindowSize(), mine);
        int minimum = (int) number(section, prefix + "breaker.minimum-calls", d.minimumCalls(), mine);
        long open = number(section, prefix + "breaker.open-seconds", d.openStateWait().toSeconds(), mine);
        int concurrent = (int) number(section, prefix + "max-concurrent-calls", d.maxConcurrentCalls(), mine);
        long slot = number(section, prefix + "max-wait-for-slot-ms", d.maxWaitForSlot().toMillis(), mine);
        if (mine.isEmpty()) {
            try {
                return new ResilienceSettings(system, attempts, Duration.ofMillis(initial), Duration.ofMillis(max), rate,
                        window, Math.min(minimum, window), Duration.ofSeconds(open), concurrent, Duration.ofMillis(slot));
            } catch (IllegalArgumentException e) {
                mine.add(prefix + e.getMessage());
            }
        }
        errors.addAll(mine);
        return null;
    }

    private static long number(Map<String, String> section, String key, long fallback, List<String> errors) {
        String text = section.get(key);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            errors.add(key + ": must be a whole number (got \"" + text + "\")");
            return fallback;
        }
    }
}
