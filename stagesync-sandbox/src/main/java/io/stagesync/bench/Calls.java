package io.stagesync.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calls made to the simulators in a window: per system, per route key ({@code METHOD PATH-REGEX} as the simulator
 * counts them). Immutable.
 */
public record Calls(Map<String, Map<String, Long>> bySystem) {
    public Calls {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        bySystem.forEach((system, routes) -> copy.put(system, Map.copyOf(new TreeMap<>(routes))));
        bySystem = java.util.Collections.unmodifiableMap(copy);
    }

    /** What happened between {@code before} and {@code after} (two snapshots of the same counters). */
    public static Calls between(Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> after) {
        Map<String, Map<String, Long>> diff = new TreeMap<>();
        after.forEach((system, routes) -> {
            Map<String, Long> was = before.getOrDefault(system, Map.of());
            Map<String, Long> delta = new TreeMap<>();
            routes.forEach((route, count) -> {
                long d = count - was.getOrDefault(route, 0L);
                if (d != 0) {
                    delta.put(route, d);
                }
            });
            diff.put(system, delta);
        });
        return new Calls(diff);
    }

    /** All calls to {@code system}. */
    public long total(String system) {
        return bySystem.getOrDefault(system, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** All calls to every system. */
    public long total() {
        return bySystem.keySet().stream().mapToLong(this::total).sum();
    }

    /** Calls to {@code system} that change data there (see {@link #isWrite}). */
    public long writes(String system) {
        return bySystem.getOrDefault(system, Map.of()).entrySet().stream().filter(e -> isWrite(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Calls to {@code system} per HTTP method (a SuiteQL query or a token request counted under its method). */
    public Map<String, Long> byMethod(String system) {
        Map<String, Long> methods = new TreeMap<>();
        bySystem.getOrDefault(system, Map.of()).forEach((route, count) ->
                methods.merge(route.substring(0, route.indexOf(' ')), count, Long::sum));
        return methods;
    }

    /**
     * Whether a route changes data: any method but GET and HEAD, except the read-only POSTs of these APIs (a
     * SuiteQL query, an OAuth token or login request).
     */
    public static boolean isWrite(String route) {
        String r = route.toLowerCase(Locale.ROOT);
        if (r.startsWith("get ") || r.startsWith("head ")) {
            return false;
        }
        return !(r.contains("suiteql") || r.contains("oauth2") || r.contains("token") || r.contains("login"));
    }
}
