package io.stagesync.kpi;

import io.stagesync.model.EntityType;
import io.stagesync.stage.KpiModel;
import io.stagesync.stage.Stage;
import io.stagesync.stage.StageModel;
import io.stagesync.stage.Team;
import io.stagesync.stage.TeamTarget;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StageHistoryEntry.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes a {@link FunnelReport} from the stage history.
 *
 * <p>Which entries count: only entries with {@code occurredAt <= now}. An entry moves the record when it
 * was ACCEPTED, or refused under the {@code flag} policy (the engine propagates those); every refused entry,
 * whatever its policy, is a violation. A moving entry is unfolded along its path into steps (see
 * {@link StageKpi}, {@link HandoffKpi} for the exact definitions of entries, exits, time in stage and
 * conversion). Stage ids of the history that the model no longer has are followed but not reported.
 *
 * <p>The stages it reads are the model's KPI roles ({@link StageModel#kpis()}): the main handoffs are each
 * consecutive pair of the main line from the MQL stage on ({@link KpiModel#handoffs()}), then every other handoff a
 * {@code conversion} target names; the recycled volume is the entries into the recycling stage; logo retention reads
 * the customer and churned stages. The team KPIs come from {@link TeamKpiCalculator}, and targets may name them.
 * Stateless apart from the model; thread-safe.
 */
public final class FunnelKpiCalculator {
    static final String NO_RENEWAL_NOTE = "not measurable: no renewal is declared (stage-model.yaml, kpis.renewal: "
            + "the deal field and values that mark a renewal); logoRetention shows churn";

    private final StageModel model;
    private final KpiModel kpis;

    public FunnelKpiCalculator(StageModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.kpis = model.kpis();
    }

    /** The report over all entity types, without deal facts. See {@link #compute(List, List, KpiPeriod, Instant, String)}. */
    public FunnelReport compute(List<StageHistoryEntry> history, KpiPeriod period, Instant now) {
        return compute(history, List.of(), period, now, null);
    }

    /** The report without deal facts (no amounts, close dates or renewals). */
    public FunnelReport compute(List<StageHistoryEntry> history, KpiPeriod period, Instant now, String entityType) {
        return compute(history, List.of(), period, now, entityType);
    }

    /**
     * Computes the KPIs of a period.
     *
     * @param history    stage history entries in any order (of all records, or at least of every record that
     *                   moved before {@code now}); not modified
     * @param period     the reporting period
     * @param now        the "as of" instant: later entries are ignored; counts are as of it
     * @param deals      the deals' facts (amount, close date, kind) for the team KPIs
     * @param entityType nullable: only records of this entity type ({@code person}, {@code account}, {@code deal});
     *                   the team KPIs each count their own kind of record whatever it is
     */
    public FunnelReport compute(List<StageHistoryEntry> history, List<DealRecord> deals, KpiPeriod period, Instant now,
                                String entityType) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(now, "now");
        Map<String, List<StageHistoryEntry>> byRecord = new LinkedHashMap<>();
        List<StageHistoryEntry> refused = new ArrayList<>();
        history.stream()
                .filter(e -> !e.occurredAt().isAfter(now))
                .filter(e -> entityType == null || entityType.equals(e.entityType()))
                .sorted(Comparator.comparing(StageHistoryEntry::occurredAt).thenComparingLong(StageHistoryEntry::id))
                .forEach(e -> {
                    byRecord.computeIfAbsent(e.canonicalId(), k -> new ArrayList<>()).add(e);
                    if (e.outcome().refused() && period.contains(e.occurredAt())) {
                        refused.add(e);
                    }
                });
        List<Journey> journeys = new ArrayList<>();
        byRecord.forEach((id, entries) -> journeys.add(Journey.of(id, entries)));

        Map<String, StageCounter> stages = new HashMap<>();
        for (Journey journey : journeys) {
            countStages(journey, period, stages);
        }
        List<HandoffKpi> handoffs = handoffs(journeys, period);
        List<TeamKpiValue> teamKpis = new TeamKpiCalculator(model).compute(history, deals, period, now);
        Map<TeamTarget, TargetResult> results = new LinkedHashMap<>();
        for (TeamTarget target : model.targets()) {
            results.put(target, evaluate(target, period, stages, handoffs, teamKpis));
        }
        List<TeamKpi> teams = new ArrayList<>();
        for (Team team : model.teams()) {
            List<StageKpi> teamStages = model.stages().stream().filter(s -> s.teamId().equals(team.id()))
                    .map(s -> counter(stages, s.id()).kpi(s)).toList();
            List<TargetResult> teamTargets = results.values().stream()
                    .filter(r -> r.target().team().equals(team.id())).toList();
            teams.add(new TeamKpi(team.id(), team.name(), teamStages, teamTargets,
                    teamKpis.stream().filter(k -> k.team().equals(team.id())).toList()));
        }
        Bottleneck bottleneck = bottleneck(results.values(), handoffs);
        TimeInStage timeInStage = bottleneck == null ? null
                : TimeInStage.of(bottleneck.from(), counter(stages, bottleneck.from()).durationsDays);
        Double renewalRate = teamKpis.stream().filter(k -> k.metric() == TeamTarget.Metric.RENEWAL_RATE).findFirst()
                .map(TeamKpiValue::value).orElse(null);
        return new FunnelReport(period.from(), period.to(), now, entityType, teams, handoffs, bottleneck,
                violations(refused), kpis.recycle() == null ? 0 : counter(stages, kpis.recycle()).entries,
                renewal(journeys, period, renewalRate), kpis.mainLine(), timeInStage);
    }

    private static StageCounter counter(Map<String, StageCounter> stages, String stage) {
        return stages.computeIfAbsent(stage, s -> new StageCounter());
    }

    private static void countStages(Journey journey, KpiPeriod period, Map<String, StageCounter> stages) {
        Map<String, Move> lastArrival = new HashMap<>();
        String current = null;
        for (Move move : journey.moves()) {
            boolean inPeriod = period.contains(move.at());
            if (move.from() != null && inPeriod) {
                StageCounter from = counter(stages, move.from());
                from.exits++;
                Move arrival = lastArrival.get(move.from());
                boolean consistent = move.from().equals(current) && arrival != null;
                if (consistent && !arrival.firstSeen() && arrival.decisionId() != move.decisionId()) {
                    from.durationsDays.add(Duration.between(arrival.at(), move.at()).getSeconds() / 86_400.0);
                }
            }
            if (inPeriod) {
                StageCounter to = counter(stages, move.to());
                to.entries++;
                if (move.firstSeen()) {
                    to.firstSeen++;
                }
            }
            lastArrival.put(move.to(), move);
            current = move.to();
        }
        if (current != null) {
            counter(stages, current).countNow++;
        }
    }

    private List<HandoffKpi> handoffs(List<Journey> journeys, KpiPeriod period) {
        List<List<String>> pairs = new ArrayList<>();
        for (List<String> pair : kpis.handoffs()) {
            if (model.stage(pair.get(0)).isPresent() && model.stage(pair.get(1)).isPresent()) {
                pairs.add(pair);
            }
        }
        for (TeamTarget target : model.targets()) {
            if (target.metric() == TeamTarget.Metric.CONVERSION && !pairs.contains(List.of(target.from(), target.to()))) {
                pairs.add(List.of(target.from(), target.to()));
            }
        }
        List<HandoffKpi> out = new ArrayList<>();
        for (List<String> pair : pairs) {
            long entered = 0;
            long converted = 0;
            for (Journey journey : journeys) {
                if (!canReach(journey, pair.get(1))) {
                    continue;
                }
                Move entry = journey.moves().stream()
                        .filter(m -> m.to().equals(pair.get(0)) && period.contains(m.at())).findFirst().orElse(null);
                if (entry == null) {
                    continue;
                }
                entered++;
                if (journey.moves().stream().anyMatch(m -> m.seq() > entry.seq() && m.to().equals(pair.get(1)))) {
                    converted++;
                }
            }
            out.add(new HandoffKpi(pair.get(0), pair.get(1), entered, converted,
                    entered == 0 ? null : (double) converted / entered));
        }
        return out;
    }

    /** A deal can never be a CUSTOMER: it belongs to no cohort of a handoff into a stage its entity cannot be in. */
    private boolean canReach(Journey journey, String stage) {
        return EntityType.parse(journey.entityType())
                .map(entity -> model.stage(stage).map(s -> s.appliesTo(entity)).orElse(false)).orElse(true);
    }

    private static TargetResult evaluate(TeamTarget target, KpiPeriod period, Map<String, StageCounter> stages,
                                         List<HandoffKpi> handoffs, List<TeamKpiValue> teamKpis) {
        double expected = target.metric().perPeriod() ? target.value() * period.unitsOf(target.period())
                : target.value();
        return switch (target.metric()) {
            case ENTRIES -> TargetResult.of(target, expected, (double) counter(stages, target.stage()).entries);
            case CONVERSION -> TargetResult.of(target, expected, handoffs.stream()
                    .filter(h -> h.from().equals(target.from()) && h.to().equals(target.to()))
                    .findFirst().map(HandoffKpi::rate).orElse(null));
            case MEDIAN_DAYS_IN_STAGE -> TargetResult.of(target, expected, counter(stages, target.stage()).median());
            default -> TargetResult.of(target, expected, teamKpis.stream().filter(k -> k.metric() == target.metric())
                    .findFirst().map(TeamKpiValue::value).orElse(null));
        };
    }

    private static Bottleneck bottleneck(Iterable<TargetResult> results, List<HandoffKpi> handoffs) {
        TargetResult worst = null;
        int worstIndex = Integer.MAX_VALUE;
        for (TargetResult r : results) {
            TeamTarget t = r.target();
            if (t.metric() != TeamTarget.Metric.CONVERSION || r.status() != TargetResult.Status.MISSED
                    || r.attainment() == null) {
                continue;
            }
            int index = indexOf(handoffs, t.from(), t.to());
            if (worst == null || r.attainment() < worst.attainment()
                    || (r.attainment().equals(worst.attainment()) && index < worstIndex)) {
                worst = r;
                worstIndex = index;
            }
        }
        if (worst == null) {
            return null;
        }
        TeamTarget t = worst.target();
        return new Bottleneck(t.team(), t.from(), t.to(), worst.actual(), worst.expected(), worst.attainment());
    }

    private static int indexOf(List<HandoffKpi> handoffs, String from, String to) {
        for (int i = 0; i < handoffs.size(); i++) {
            if (handoffs.get(i).from().equals(from) && handoffs.get(i).to().equals(to)) {
                return i;
            }
        }
        return handoffs.size();
    }

    private static ViolationCounts violations(List<StageHistoryEntry> refused) {
        long notAllowed = 0;
        Map<String, Long> byRule = new HashMap<>();
        Map<String, Long> byPolicy = new HashMap<>();
        for (StageHistoryEntry e : refused) {
            if (e.outcome() == Outcome.REFUSED_NOT_ALLOWED) {
                notAllowed++;
            }
            e.rules().stream().distinct().forEach(rule -> byRule.merge(rule, 1L, Long::sum));
            if (e.policy() != null) {
                byPolicy.merge(e.policy(), 1L, Long::sum);
            }
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        byRule.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new ViolationCounts(refused.size(), refused.size() - notAllowed, notAllowed, sorted, byPolicy);
    }

    private Renewal renewal(List<Journey> journeys, KpiPeriod period, Double renewalRate) {
        String customer = kpis.customer();
        String churnedStage = kpis.churned();
        long atStart = 0;
        long churned = 0;
        for (Journey journey : journeys) {
            if (customer == null || !customer.equals(journey.stageBefore(period.from()))) {
                continue;
            }
            atStart++;
            if (journey.moves().stream().anyMatch(m -> customer.equals(m.from()) && m.to().equals(churnedStage)
                    && period.contains(m.at()))) {
                churned++;
            }
        }
        KpiModel.RenewalDeclaration declared = kpis.renewal();
        String note = declared == null ? NO_RENEWAL_NOTE : "rate: renewal deals (" + declared.field() + " = "
                + String.join(" or ", declared.values()) + ") won in the period / those won, lost or due in it "
                + "(teams[].kpis renewal-rate); logoRetention: records at " + customer + " at the start that did "
                + "not move to " + churnedStage;
        return new Renewal(declared != null, note, atStart, churned,
                atStart == 0 ? null : 1.0 - (double) churned / atStart, renewalRate);
    }

    /** Mutable tallies of one stage while the report is computed (confined to one call). */
    private static final class StageCounter {
        long entries;
        long firstSeen;
        long exits;
        long countNow;
        final List<Double> durationsDays = new ArrayList<>();

        Double median() {
            if (durationsDays.isEmpty()) {
                return null;
            }
            List<Double> sorted = durationsDays.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        }

        StageKpi kpi(Stage stage) {
            return new StageKpi(stage.id(), stage.teamId(), entries, firstSeen, exits, median(),
                    durationsDays.size(), countNow);
        }
    }
}
