package io.stagesync.kpi;

import java.util.Objects;

/**
 * The conversion of one handoff FROM → TO for the records that entered FROM in the period.
 *
 * <p>Cohort: the distinct records with an entry into FROM during the period (first sightings at FROM
 * included) whose entity type may be at TO (deals enter WON but never CUSTOMER, so they are not in the
 * WON → CUSTOMER cohort; accounts and people are). A member converted when, after its first such entry, it entered TO at any time up to "now",
 * directly or along the path of a jump (a jump SAL → OPPORTUNITY records the path SAL, SQL, OPPORTUNITY,
 * so it converts SAL → SQL and SQL → OPPORTUNITY). A recycled record that comes back and converts later
 * still counts as converted. Recent cohorts have had less time to convert: the rate is "so far".
 *
 * @param from      the handoff's source stage
 * @param to        the handoff's target stage
 * @param entered   the cohort size
 * @param converted cohort members that reached TO
 * @param rate      nullable (empty cohort): converted / entered, in 0..1
 */
public record HandoffKpi(String from, String to, long entered, long converted, Double rate) {
    public HandoffKpi {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
