package io.stagesync.kpi;

import io.stagesync.model.EntityType;
import io.stagesync.stage.KpiModel;
import io.stagesync.stage.Stage;
import io.stagesync.stage.StageModel;
import io.stagesync.stage.TeamTarget.Metric;
import io.stagesync.store.StageHistoryEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The team KPIs The Model judges each team by, computed from the stage history and the deals. The stages they
 * read are the model's KPI roles ({@link KpiModel}: lead, mql, sal, opportunity, won, lost, customer, churned).
 *
 * <p>Which decisions move a record, and how a jump unfolds into steps, follow {@link Journey}; entries after
 * {@code now} are ignored. Each KPI counts one kind of record, whatever the report's entity filter:
 * <ul>
 *   <li>Marketing (people): <b>leads created</b> = people first seen in the period at a main-line stage from the
 *   lead stage to the MQL stage; <b>MQLs</b> = people with a step into the MQL stage in the period.</li>
 *   <li>Inside Sales (people, then deals): <b>MQL → SAL</b> = of the period's MQLs, the share with a later step into
 *   the SAL stage (up to now); <b>lead → opportunity</b> = of the leads created in the period, the share with a
 *   later step into the opportunity stage; <b>opportunities created</b> = deals with a step into the opportunity
 *   stage in the period (a first sighting there included).</li>
 *   <li>Field Sales (deals): a deal is <em>won in the period</em> when its first step into the won stage (a first
 *   sighting there included) lies in it, <em>lost in the period</em> likewise for the lost stage when it was not
 *   won in the period; <b>win rate</b> = won ÷ (won + lost); <b>wins</b>; <b>won amount</b> = the sum of the won
 *   deals' current amounts (none counts 0); <b>average deal size</b> = won amount ÷ wins; <b>sales cycle days</b>
 *   = the mean, over won deals not first seen already won, of the days from the deal's first history entry to its
 *   won step.</li>
 *   <li>Customer Success: <b>renewal rate</b> (deals the model declares renewals) = renewals won in the period ÷
 *   renewals won, lost or due in it, "due" being a renewal with no step into won or lost up to now whose close date
 *   lies in the period; the <em>customers at the start</em> (accounts) are those at the customer stage just before
 *   the period, and those first seen at it during the period (their start is unknown: e.g. the initial capture);
 *   <b>churn</b> = of them, those with a step customer → churned in the period; <b>retained customers</b> = the
 *   others; <b>logo retention</b> = retained ÷ customers at the start.</li>
 * </ul>
 * A KPI's team is the team owning its stage: leads created the lead stage's, MQLs the MQL stage's, MQL → SAL the SAL
 * stage's, lead → opportunity and opportunities created the team of the main-line stage before the opportunity
 * stage, the deal KPIs the won stage's, the customer KPIs the customer stage's. A KPI whose stage the model lacks is
 * not reported. Stateless apart from the model; thread-safe.
 */
public final class TeamKpiCalculator {
    static final String PERSON = EntityType.PERSON.configName();
    static final String ACCOUNT = EntityType.ACCOUNT.configName();
    static final String DEAL = EntityType.DEAL.configName();

    private final StageModel model;
    private final KpiModel kpis;

    public TeamKpiCalculator(StageModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.kpis = model.kpis();
    }

    /**
     * The team KPIs of a period, in team order (model order), each team's in the order of {@link Metric}.
     *
     * @param history the stage history, any order, all entity types; not modified
     * @param deals   the deals' facts; a deal missing here has no amount, close date or kind
     * @param now     the "as of" instant: later entries are ignored
     */
    public List<TeamKpiValue> compute(List<StageHistoryEntry> history, List<DealRecord> deals, KpiPeriod period,
                                      Instant now) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(now, "now");
        Map<String, List<Journey>> byEntity = journeys(history, now);
        Map<String, DealRecord> dealsById = new LinkedHashMap<>();
        deals.forEach(d -> dealsById.put(d.canonicalId(), d));
        Funnel funnel = new Funnel(kpis, period, byEntity.getOrDefault(PERSON, List.of()));
        DealOutcomes outcomes = new DealOutcomes(kpis, period, byEntity.getOrDefault(DEAL, List.of()), dealsById);
        CustomerBase customers = new CustomerBase(kpis, period, byEntity.getOrDefault(ACCOUNT, List.of()));
        Map<Metric, TeamKpiValue> values = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            if (!metric.isTeamKpi()) {
                continue;
            }
            String team = teamOf(metric);
            if (team == null) {
                continue;
            }
            values.put(metric, switch (metric) {
                case LEADS_CREATED, MQLS, MQL_TO_SAL, LEAD_TO_OPPORTUNITY -> funnel.value(metric, team);
                case OPPORTUNITIES_CREATED, WIN_RATE, WINS, WON_AMOUNT, AVERAGE_DEAL_SIZE, SALES_CYCLE_DAYS,
                     RENEWAL_RATE -> outcomes.value(metric, team);
                case RETAINED_CUSTOMERS, CHURN, LOGO_RETENTION -> customers.value(metric, team);
                default -> throw new IllegalStateException("not a team KPI: " + metric);
            });
        }
        List<TeamKpiValue> ordered = new ArrayList<>();
        model.teams().forEach(t -> values.values().stream().filter(v -> v.team().equals(t.id())).forEach(ordered::add));
        return ordered;
    }

    /** The team owning the KPI's stage (see the class comment); null when the model has no such stage. */
    String teamOf(Metric metric) {
        String stage = switch (metric) {
            case LEADS_CREATED -> kpis.lead();
            case MQLS -> kpis.mql();
            case MQL_TO_SAL -> kpis.sal();
            case LEAD_TO_OPPORTUNITY, OPPORTUNITIES_CREATED -> beforeOpportunity();
            case WIN_RATE, WINS, WON_AMOUNT, AVERAGE_DEAL_SIZE, SALES_CYCLE_DAYS -> kpis.won();
            case RENEWAL_RATE, RETAINED_CUSTOMERS, CHURN, LOGO_RETENTION -> kpis.customer();
            default -> null;
        };
        return stage == null ? null : model.stage(stage).map(Stage::teamId).orElse(null);
    }

    private String beforeOpportunity() {
        int at = kpis.opportunity() == null ? -1 : kpis.mainLine().indexOf(kpis.opportunity());
        return at > 0 ? kpis.mainLine().get(at - 1) : kpis.opportunity();
    }

    /** Each record's journey, by entity type, in the order the records were first seen. */
    static Map<String, List<Journey>> journeys(List<StageHistoryEntry> history, Instant now) {
        Map<String, List<StageHistoryEntry>> byRecord = new LinkedHashMap<>();
        history.stream().filter(e -> !e.occurredAt().isAfter(now))
                .sorted(Comparator.comparing(StageHistoryEntry::occurredAt).thenComparingLong(StageHistoryEntry::id))
                .forEach(e -> byRecord.computeIfAbsent(e.canonicalId(), k -> new ArrayList<>()).add(e));
        Map<String, List<Journey>> byEntity = new LinkedHashMap<>();
        byRecord.forEach((id, entries) -> {
            Journey journey = Journey.of(id, entries);
            byEntity.computeIfAbsent(journey.entityType(), k -> new ArrayList<>()).add(journey);
        });
        return byEntity;
    }

    /** A value with a note saying which stage or field the model lacks for it. */
    static TeamKpiValue missing(Metric metric, String team, EntityType entity, String what) {
        return new TeamKpiValue(metric, team, entity, null, Map.of(), "not measurable: the stage model has no "
                + what + " (stage-model.yaml, kpis)", List.of());
    }

    /** numerator ÷ denominator, null when the denominator is 0. */
    static Double ratio(double numerator, long denominator) {
        return denominator == 0 ? null : numerator / denominator;
    }
}
