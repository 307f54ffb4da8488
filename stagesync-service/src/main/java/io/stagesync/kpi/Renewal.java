package io.stagesync.kpi;

import java.util.Objects;

/**
 * Renewal and churn of the whole history (every entity type, or the report's one).
 *
 * <p>The renewal rate is about deals the model declares renewals ({@code kpis.renewal}, e.g. Opportunity Type
 * "Existing Customer - Renewal"): renewals won in the period ÷ renewals won, lost or due in it (the team KPI
 * {@code renewal-rate}, see {@link TeamKpiCalculator}); without that declaration it is not measurable
 * ({@link #renewalMeasurable()} false). Logo retention here is the older all-records measure: of the records at the
 * customer stage when the period started, the share that did not move customer → churned during the period (the
 * team KPI {@code logo-retention} counts accounts only).
 *
 * @param renewalMeasurable whether the model declares which deals are renewals
 * @param note              what the numbers are, or why the rate is missing, in one sentence
 * @param customersAtStart  records whose stage at the period's start was the customer stage
 * @param churned           of those, the ones that moved customer → churned during the period
 * @param logoRetention     nullable (no customers at start): 1 − churned / customersAtStart
 * @param rate              nullable (not measurable, or no renewal won, lost or due in the period): the renewal rate
 */
public record Renewal(boolean renewalMeasurable, String note, long customersAtStart, long churned,
                      Double logoRetention, Double rate) {
    public Renewal {
        Objects.requireNonNull(note, "note");
    }
}
