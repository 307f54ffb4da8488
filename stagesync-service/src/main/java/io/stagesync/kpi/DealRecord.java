package io.stagesync.kpi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A deal as the canonical store holds it, with what the team KPIs read of it (the fields named by the stage
 * model's {@code kpis} section).
 *
 * @param canonicalId the deal's canonical id
 * @param amount      nullable: its amount (the {@code deal-amount} field)
 * @param closeDate   nullable: its (expected) close date, as the instant it starts (the {@code deal-close-date} field)
 * @param kind        nullable: the value of the field the renewal declaration reads (e.g. {@code dealType})
 */
public record DealRecord(String canonicalId, BigDecimal amount, Instant closeDate, String kind) {
    public DealRecord {
        Objects.requireNonNull(canonicalId, "canonicalId");
    }
}
