package io.stagesync.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * A system's API usage against its allowance.
 *
 * @param system       the system
 * @param source       where {@code used} comes from: {@link #REPORTED} (the system said so, e.g. Salesforce's
 *                     {@code Sforce-Limit-Info}) or {@link #COUNTED} (calls this process sent in the rolling 24 h)
 * @param used         calls used in the window; for REPORTED nullable until the system first reported
 * @param allowed      nullable: the allowance for the window (reported, or configured); null when unknown
 * @param observedAt   nullable: when a REPORTED value was last read; null for COUNTED
 * @param callsLast24h the calls this process sent to the system in the rolling 24 h (every retry counts)
 */
public record ApiQuota(String system, String source, Long used, Long allowed, Instant observedAt, long callsLast24h) {
    public static final String REPORTED = "reported";
    public static final String COUNTED = "counted";

    public ApiQuota {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(source, "source");
    }

    /** Nullable: allowed − used, not below 0; null when either is unknown. */
    public Long remaining() {
        return used == null || allowed == null ? null : Math.max(0, allowed - used);
    }

    /** Nullable: used ÷ allowed (may pass 1: Salesforce lets orgs overshoot somewhat); null when unknown. */
    public Double usedRatio() {
        return used == null || allowed == null || allowed == 0 ? null : (double) used / allowed;
    }
}
