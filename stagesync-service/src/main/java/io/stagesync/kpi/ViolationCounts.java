package io.stagesync.kpi;

import java.util.Map;

/**
 * Refused moves in the period (outcomes {@code REFUSED_VIOLATED} and {@code REFUSED_NOT_ALLOWED}, whatever
 * the policy did with them).
 *
 * @param total      refused decisions
 * @param violated   decisions refused because a handoff rule failed
 * @param notAllowed decisions refused because no allowed transition leads there (they name no rule)
 * @param byRule     failed rule id → decisions it failed in; a decision failing two rules counts for both;
 *                   ordered by count descending, then rule id; unmodifiable
 * @param byPolicy   policy applied ({@code hold}, {@code revert}, {@code flag}) → decisions; sorted by policy
 */
public record ViolationCounts(long total, long violated, long notAllowed, Map<String, Long> byRule,
                              Map<String, Long> byPolicy) {
    public ViolationCounts {
        byRule = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byRule));
        byPolicy = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byPolicy));
    }
}
