package io.stagesync.kpi;

import io.stagesync.model.EntityType;
import io.stagesync.stage.KpiModel;
import io.stagesync.stage.TeamTarget.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The customer KPIs of one period (definitions in {@link TeamKpiCalculator}): the accounts that were customers at
 * its start, those of them that churned in it, the retained rest and logo retention. Confined to one computation.
 */
final class CustomerBase {
    static final String RETAINED = "retained";
    static final String CHURNED = "churned";

    private final KpiModel kpis;
    /** Customers at the start, by the move that made them one (the last before the period, or a first sighting). */
    private final Map<Journey, Move> base = new LinkedHashMap<>();
    /** Of those, the ones that churned, by their step customer → churned. */
    private final Map<Journey, Move> churned = new LinkedHashMap<>();

    CustomerBase(KpiModel kpis, KpiPeriod period, List<Journey> accounts) {
        this.kpis = kpis;
        String customer = kpis.customer();
        if (customer == null) {
            return;
        }
        for (Journey account : accounts) {
            Move atStart = null;
            for (Move move : account.moves()) {
                if (move.at().isBefore(period.from())) {
                    atStart = move;
                }
            }
            if (atStart == null || !atStart.to().equals(customer)) {
                Move first = account.moves().isEmpty() ? null : account.moves().get(0);
                atStart = first != null && first.firstSeen() && first.to().equals(customer)
                        && period.contains(first.at()) ? first : null;
            }
            if (atStart == null) {
                continue;
            }
            base.put(account, atStart);
            int from = atStart.seq();
            account.moves().stream().filter(m -> m.seq() > from && customer.equals(m.from())
                            && m.to().equals(kpis.churned()) && period.contains(m.at())).findFirst()
                    .ifPresent(m -> churned.put(account, m));
        }
    }

    TeamKpiValue value(Metric metric, String team) {
        if (kpis.customer() == null) {
            return TeamKpiCalculator.missing(metric, team, EntityType.ACCOUNT, "customer stage");
        }
        long retained = base.size() - churned.size();
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("customersAtStart", (long) base.size());
        parts.put(RETAINED, retained);
        parts.put(CHURNED, (long) churned.size());
        List<KpiContribution> contributions = new ArrayList<>();
        base.forEach((account, start) -> {
            Move churn = churned.get(account);
            boolean listed = metric == Metric.LOGO_RETENTION || (churn == null) == (metric == Metric.RETAINED_CUSTOMERS);
            if (listed) {
                contributions.add(new KpiContribution(account.canonicalId(), churn == null ? RETAINED : CHURNED,
                        churn == null ? List.of(start.decisionId()) : List.of(start.decisionId(), churn.decisionId())));
            }
        });
        Double value = switch (metric) {
            case RETAINED_CUSTOMERS -> (double) retained;
            case CHURN -> (double) churned.size();
            case LOGO_RETENTION -> TeamKpiCalculator.ratio(retained, base.size());
            default -> throw new IllegalArgumentException("not a customer KPI: " + metric);
        };
        String note = kpis.churned() == null ? "the stage model has no churned stage: no customer can churn" : null;
        return new TeamKpiValue(metric, team, EntityType.ACCOUNT, value, parts, note, contributions);
    }
}
