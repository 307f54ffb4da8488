package io.stagesync.kpi;

import java.util.Objects;

/**
 * Renewal, as far as the stage history can tell.
 *
 * <p>A renewal keeps a customer at CUSTOMER, and a move from a stage to itself is not a move: the history
 * records no CUSTOMER → CUSTOMER entry, so the renewal rate is <b>not measurable yet</b>
 * ({@link #renewalMeasurable()} is false) until contract data (renewal dates) is synced. What the history
 * does show is churn, reported as logo retention: of the records at CUSTOMER when the period started, the
 * share that did not move CUSTOMER → CHURNED during the period.
 *
 * @param renewalMeasurable always false in this version
 * @param note              why, in one sentence
 * @param customersAtStart  records whose stage at the period's start was CUSTOMER
 * @param churned           of those, the ones that moved CUSTOMER → CHURNED during the period
 * @param logoRetention     nullable (no customers at start): 1 − churned / customersAtStart
 */
public record Renewal(boolean renewalMeasurable, String note, long customersAtStart, long churned,
                      Double logoRetention) {
    public Renewal {
        Objects.requireNonNull(note, "note");
    }
}
