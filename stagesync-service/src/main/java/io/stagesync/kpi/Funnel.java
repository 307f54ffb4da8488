package io.stagesync.kpi;

import io.stagesync.model.EntityType;
import io.stagesync.stage.KpiModel;
import io.stagesync.stage.TeamTarget.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The people KPIs of Marketing and Inside Sales of one period (definitions in {@link TeamKpiCalculator}): leads
 * created, MQLs, MQL → SAL and lead → opportunity. Confined to one computation.
 */
final class Funnel {
    static final String CREATED = "created";
    static final String ENTERED = "entered";
    static final String COHORT = "cohort";
    static final String CONVERTED = "converted";

    private final KpiModel kpis;
    private final KpiPeriod period;
    private final List<Journey> people;

    Funnel(KpiModel kpis, KpiPeriod period, List<Journey> people) {
        this.kpis = kpis;
        this.period = period;
        this.people = people;
    }

    TeamKpiValue value(Metric metric, String team) {
        return switch (metric) {
            case LEADS_CREATED -> count(metric, team, leadsCreated(), CREATED);
            case MQLS -> kpis.mql() == null ? TeamKpiCalculator.missing(metric, team, EntityType.PERSON, "mql stage")
                    : count(metric, team, entered(kpis.mql()), ENTERED);
            case MQL_TO_SAL -> kpis.mql() == null || kpis.sal() == null
                    ? TeamKpiCalculator.missing(metric, team, EntityType.PERSON, "mql or sal stage")
                    : conversion(metric, team, entered(kpis.mql()), kpis.sal());
            case LEAD_TO_OPPORTUNITY -> kpis.opportunity() == null
                    ? TeamKpiCalculator.missing(metric, team, EntityType.PERSON, "opportunity stage")
                    : conversion(metric, team, leadsCreated(), kpis.opportunity());
            default -> throw new IllegalArgumentException("not a people KPI: " + metric);
        };
    }

    /** People first seen in the period at a main-line stage from the lead stage to the MQL stage, by their first move. */
    private Map<Journey, Move> leadsCreated() {
        List<String> line = kpis.mainLine();
        int first = line.indexOf(kpis.lead());
        int last = kpis.mql() == null ? first : Math.max(first, line.indexOf(kpis.mql()));
        List<String> leadStages = first < 0 ? List.of() : line.subList(first, last + 1);
        Map<Journey, Move> created = new LinkedHashMap<>();
        for (Journey journey : people) {
            if (journey.moves().isEmpty()) {
                continue;
            }
            Move move = journey.moves().get(0);
            if (move.firstSeen() && period.contains(move.at()) && leadStages.contains(move.to())) {
                created.put(journey, move);
            }
        }
        return created;
    }

    /** People with a step into {@code stage} in the period, by their first such step. */
    private Map<Journey, Move> entered(String stage) {
        Map<Journey, Move> entered = new LinkedHashMap<>();
        for (Journey journey : people) {
            journey.moves().stream().filter(m -> m.to().equals(stage) && period.contains(m.at())).findFirst()
                    .ifPresent(m -> entered.put(journey, m));
        }
        return entered;
    }

    private TeamKpiValue count(Metric metric, String team, Map<Journey, Move> members, String role) {
        List<KpiContribution> contributions = new ArrayList<>();
        members.forEach((journey, move) -> contributions.add(new KpiContribution(journey.canonicalId(), role,
                List.of(move.decisionId()))));
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("count", (long) members.size());
        return new TeamKpiValue(metric, team, EntityType.PERSON, (double) members.size(), parts, null, contributions);
    }

    /** Of the cohort, those with a step into {@code target} after the move that put them in the cohort. */
    private TeamKpiValue conversion(Metric metric, String team, Map<Journey, Move> cohort, String target) {
        List<KpiContribution> contributions = new ArrayList<>();
        long converted = 0;
        for (Map.Entry<Journey, Move> member : cohort.entrySet()) {
            Journey journey = member.getKey();
            contributions.add(new KpiContribution(journey.canonicalId(), COHORT, List.of(member.getValue().decisionId())));
            Move reached = journey.moves().stream().filter(m -> m.seq() > member.getValue().seq() && m.to().equals(target))
                    .findFirst().orElse(null);
            if (reached != null) {
                converted++;
                contributions.add(new KpiContribution(journey.canonicalId(), CONVERTED, List.of(reached.decisionId())));
            }
        }
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put(COHORT, (long) cohort.size());
        parts.put(CONVERTED, converted);
        return new TeamKpiValue(metric, team, EntityType.PERSON, TeamKpiCalculator.ratio(converted, cohort.size()),
                parts, null, contributions);
    }
}
