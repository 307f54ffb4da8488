package io.stagesync.kpi;

import io.stagesync.model.EntityType;
import io.stagesync.stage.KpiModel;
import io.stagesync.stage.TeamTarget.Metric;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deal KPIs of one period (definitions in {@link TeamKpiCalculator}): opportunities created, win rate, wins,
 * won amount, average deal size, sales cycle days and renewal rate. Confined to one computation.
 */
final class DealOutcomes {
    static final String CREATED = "created";
    static final String WON = "won";
    static final String LOST = "lost";
    static final String DUE = "due";
    static final String TIMED = "timed";
    static final String UNTIMED = "untimed";
    private static final double SECONDS_PER_DAY = 86_400.0;

    private final KpiModel kpis;
    private final KpiPeriod period;
    private final List<Journey> deals;
    private final Map<String, DealRecord> facts;
    /** Deals won in the period, by their first step into the won stage; then those lost in it. */
    private final Map<Journey, Move> won = new LinkedHashMap<>();
    private final Map<Journey, Move> lost = new LinkedHashMap<>();

    DealOutcomes(KpiModel kpis, KpiPeriod period, List<Journey> deals, Map<String, DealRecord> facts) {
        this.kpis = kpis;
        this.period = period;
        this.deals = deals;
        this.facts = facts;
        for (Journey deal : deals) {
            Move wonStep = firstInto(deal, kpis.won());
            Move lostStep = firstInto(deal, kpis.lost());
            if (wonStep != null && period.contains(wonStep.at())) {
                won.put(deal, wonStep);
            } else if (lostStep != null && period.contains(lostStep.at())) {
                lost.put(deal, lostStep);
            }
        }
    }

    private static Move firstInto(Journey deal, String stage) {
        return stage == null ? null : deal.moves().stream().filter(m -> m.to().equals(stage)).findFirst().orElse(null);
    }

    TeamKpiValue value(Metric metric, String team) {
        if (metric == Metric.OPPORTUNITIES_CREATED) {
            return kpis.opportunity() == null ? missing(metric, team, "opportunity stage") : created(metric, team);
        }
        if (metric == Metric.RENEWAL_RATE) {
            return renewalRate(team);
        }
        if (kpis.won() == null) {
            return missing(metric, team, "won stage");
        }
        return switch (metric) {
            case WIN_RATE -> winRate(team);
            case WINS -> wins(team);
            case WON_AMOUNT, AVERAGE_DEAL_SIZE -> kpis.dealAmountField() == null
                    ? missing(metric, team, "deal amount field (kpis.deal-amount)") : amount(metric, team);
            case SALES_CYCLE_DAYS -> salesCycle(team);
            default -> throw new IllegalArgumentException("not a deal KPI: " + metric);
        };
    }

    private static TeamKpiValue missing(Metric metric, String team, String what) {
        return TeamKpiCalculator.missing(metric, team, EntityType.DEAL, what);
    }

    private TeamKpiValue created(Metric metric, String team) {
        List<KpiContribution> contributions = new ArrayList<>();
        long firstSeen = 0;
        for (Journey deal : deals) {
            Move entry = deal.moves().stream().filter(m -> m.to().equals(kpis.opportunity()) && period.contains(m.at()))
                    .findFirst().orElse(null);
            if (entry != null) {
                contributions.add(new KpiContribution(deal.canonicalId(), CREATED, List.of(entry.decisionId())));
                firstSeen += entry.firstSeen() ? 1 : 0;
            }
        }
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("count", (long) contributions.size());
        parts.put("firstSeen", firstSeen);
        return value(metric, team, (double) contributions.size(), parts, null, contributions);
    }

    private TeamKpiValue winRate(String team) {
        List<KpiContribution> contributions = new ArrayList<>(roles(won, WON));
        contributions.addAll(roles(lost, LOST));
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put(WON, (long) won.size());
        parts.put(LOST, (long) lost.size());
        parts.put("closed", (long) (won.size() + lost.size()));
        return value(Metric.WIN_RATE, team, TeamKpiCalculator.ratio(won.size(), won.size() + lost.size()), parts,
                kpis.lost() == null ? "the stage model has no lost stage: every closed deal counts as won" : null,
                contributions);
    }

    private TeamKpiValue wins(String team) {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("count", (long) won.size());
        parts.put("firstSeen", won.values().stream().filter(Move::firstSeen).count());
        return value(Metric.WINS, team, (double) won.size(), parts, null, roles(won, WON));
    }

    private TeamKpiValue amount(Metric metric, String team) {
        BigDecimal sum = BigDecimal.ZERO;
        long withoutAmount = 0;
        for (Journey deal : won.keySet()) {
            DealRecord record = facts.get(deal.canonicalId());
            if (record == null || record.amount() == null) {
                withoutAmount++;
            } else {
                sum = sum.add(record.amount());
            }
        }
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("wins", (long) won.size());
        parts.put("wonAmount", sum);
        parts.put("withoutAmount", withoutAmount);
        Double value = metric == Metric.WON_AMOUNT ? (Double) sum.doubleValue()
                : TeamKpiCalculator.ratio(sum.doubleValue(), won.size());
        return value(metric, team, value, parts, withoutAmount == 0 ? null
                : withoutAmount + " won deal(s) without an amount count 0", roles(won, WON));
    }

    private TeamKpiValue salesCycle(String team) {
        List<KpiContribution> contributions = new ArrayList<>();
        double days = 0;
        long timed = 0;
        for (Map.Entry<Journey, Move> w : won.entrySet()) {
            Move start = w.getKey().moves().get(0);
            Move end = w.getValue();
            if (end.firstSeen()) {
                contributions.add(new KpiContribution(w.getKey().canonicalId(), UNTIMED, List.of(end.decisionId())));
                continue;
            }
            timed++;
            days += Duration.between(start.at(), end.at()).getSeconds() / SECONDS_PER_DAY;
            contributions.add(new KpiContribution(w.getKey().canonicalId(), TIMED,
                    List.of(start.decisionId(), end.decisionId())));
        }
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put(TIMED, timed);
        parts.put(UNTIMED, (long) won.size() - timed);
        return value(Metric.SALES_CYCLE_DAYS, team, TeamKpiCalculator.ratio(days, timed), parts, null, contributions);
    }

    private TeamKpiValue renewalRate(String team) {
        KpiModel.RenewalDeclaration renewal = kpis.renewal();
        if (renewal == null) {
            return value(Metric.RENEWAL_RATE, team, null, Map.of(), "not measurable: no renewal is declared "
                    + "(stage-model.yaml, kpis.renewal: the deal field and values that mark a renewal)", List.of());
        }
        if (kpis.won() == null) {
            return missing(Metric.RENEWAL_RATE, team, "won stage");
        }
        Map<String, Journey> journeys = new LinkedHashMap<>();
        deals.forEach(d -> journeys.put(d.canonicalId(), d));
        List<KpiContribution> contributions = new ArrayList<>();
        long wonCount = 0;
        long lostCount = 0;
        long due = 0;
        for (DealRecord deal : facts.values()) {
            if (!renewal.matches(deal.kind())) {
                continue;
            }
            Journey journey = journeys.get(deal.canonicalId());
            if (journey != null && won.containsKey(journey)) {
                wonCount++;
                contributions.add(new KpiContribution(deal.canonicalId(), WON, List.of(won.get(journey).decisionId())));
            } else if (journey != null && lost.containsKey(journey)) {
                lostCount++;
                contributions.add(new KpiContribution(deal.canonicalId(), LOST, List.of(lost.get(journey).decisionId())));
            } else if (open(journey) && deal.closeDate() != null && period.contains(deal.closeDate())) {
                due++;
                contributions.add(new KpiContribution(deal.canonicalId(), DUE, List.of()));
            }
        }
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put(WON, wonCount);
        parts.put(LOST, lostCount);
        parts.put(DUE, due);
        parts.put("closedOrDue", wonCount + lostCount + due);
        return value(Metric.RENEWAL_RATE, team, TeamKpiCalculator.ratio(wonCount, wonCount + lostCount + due), parts,
                kpis.dealCloseDateField() == null ? "no deal close date field (kpis.deal-close-date): renewals due "
                        + "but still open are not counted" : null, contributions);
    }

    /** Never stepped into the won or the lost stage, up to now. */
    private boolean open(Journey deal) {
        return deal == null || (firstInto(deal, kpis.won()) == null && firstInto(deal, kpis.lost()) == null);
    }

    private static List<KpiContribution> roles(Map<Journey, Move> members, String role) {
        List<KpiContribution> out = new ArrayList<>();
        members.forEach((deal, move) -> out.add(new KpiContribution(deal.canonicalId(), role, List.of(move.decisionId()))));
        return out;
    }

    private static TeamKpiValue value(Metric metric, String team, Double value, Map<String, Object> parts, String note,
                                      List<KpiContribution> contributions) {
        return new TeamKpiValue(metric, team, EntityType.DEAL, value, parts, note, contributions);
    }
}
