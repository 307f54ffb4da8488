package io.stagesync.kpi;

import io.stagesync.stage.TeamTarget;
import java.util.Objects;

/**
 * One team target compared with the measured value.
 *
 * <p>Scaling: an {@code entries} target is a count per target period, so it is scaled to the report period:
 * {@code expected = value × period.unitsOf(target.period)} (see {@link KpiPeriod#unitsOf}; one calendar month
 * against a monthly target is exactly 1). {@code conversion} (a rate) and {@code median-days-in-stage}
 * (a duration) do not depend on the period's length and are compared unscaled.
 *
 * <p>Attainment (1.0 = exactly on target, below 1 = worse than the target): for a {@code MIN} bound
 * {@code actual / expected}; for a {@code MAX} bound {@code expected / actual}. Null when there is no
 * actual value, or when the quotient is undefined (a MIN target of 0, a MAX target with actual 0).
 *
 * @param target     the target as configured
 * @param expected   the value to reach: the target's value, scaled for {@code entries}
 * @param actual     nullable (no data: empty cohort, no timed exit): the measured value
 * @param attainment nullable: see above
 * @param status     MET, MISSED, or NO_DATA when {@code actual} is null
 */
public record TargetResult(TeamTarget target, double expected, Double actual, Double attainment, Status status) {
    public TargetResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
    }

    /** Whether the measured value satisfies the bound. */
    public enum Status { MET, MISSED, NO_DATA }

    static TargetResult of(TeamTarget target, double expected, Double actual) {
        if (actual == null) {
            return new TargetResult(target, expected, null, null, Status.NO_DATA);
        }
        boolean min = target.bound() == TeamTarget.Bound.MIN;
        boolean met = min ? actual >= expected : actual <= expected;
        Double attainment;
        if (min) {
            attainment = expected > 0 ? actual / expected : null;
        } else {
            attainment = actual > 0 ? expected / actual : null;
        }
        return new TargetResult(target, expected, actual, attainment, met ? Status.MET : Status.MISSED);
    }
}
