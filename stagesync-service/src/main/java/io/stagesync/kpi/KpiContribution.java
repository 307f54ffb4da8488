package io.stagesync.kpi;

import java.util.List;
import java.util.Objects;

/**
 * One record's part in a KPI: what it counted as, and the stage history entries that decided it, so every
 * number can be traced back to the decisions it is made of.
 *
 * @param canonicalId the record
 * @param role        what it counted as, e.g. {@code cohort}, {@code converted}, {@code won}, {@code due}
 *                    (each KPI's roles are listed in docs/kpis.md)
 * @param entryIds    ids of the history entries that decided it, in time order; empty when a record's field, not
 *                    a decision, placed it (a renewal deal due in the period); unmodifiable
 */
public record KpiContribution(String canonicalId, String role, List<Long> entryIds) {
    public KpiContribution {
        Objects.requireNonNull(canonicalId, "canonicalId");
        Objects.requireNonNull(role, "role");
        entryIds = List.copyOf(entryIds);
    }
}
