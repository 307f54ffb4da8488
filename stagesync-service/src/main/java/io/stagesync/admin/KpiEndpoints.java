package io.stagesync.admin;

import io.stagesync.kpi.DealRecord;
import io.stagesync.kpi.FunnelKpiCalculator;
import io.stagesync.kpi.FunnelReport;
import io.stagesync.kpi.KpiContribution;
import io.stagesync.kpi.KpiPeriod;
import io.stagesync.kpi.TeamKpiCalculator;
import io.stagesync.kpi.TeamKpiValue;
import io.stagesync.model.EntityType;
import io.stagesync.stage.StageModel;
import io.stagesync.stage.Team;
import io.stagesync.stage.TeamTarget;
import io.stagesync.stage.TeamTarget.Metric;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The KPI endpoints of the admin API: {@code GET /api/kpis} (the funnel and team KPIs of a period),
 * {@code GET /api/kpis/trend} (the team KPIs of the last N weeks or months) and
 * {@code GET /api/kpis/{kpi}/entries} (the records and history entries one team KPI is made of). Each call reads
 * the whole stage history and every deal ({@link KpiInputs}). Thread-safe.
 */
final class KpiEndpoints {
    static final Set<String> KPI_PARAMS = Set.of("period", "from", "to", "entity");
    static final Set<String> TREND_PARAMS = Set.of("period", "count", "at");
    static final Set<String> ENTRIES_PARAMS = Set.of("period", "from", "to", "team");
    static final int DEFAULT_TREND = 12;
    static final int MAX_TREND = 53;

    private final StageModel model;
    private final StateStore store;
    private final Clock clock;

    KpiEndpoints(StageModel model, StateStore store, Clock clock) {
        this.model = Objects.requireNonNull(model, "model");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code GET /api/kpis}. */
    AdminReply kpis(AdminQuery query) {
        Instant now = clock.instant();
        KpiPeriod period = AdminApi.period(query, now);
        String entity = query.string("entity");
        if (entity != null && EntityType.parse(entity).isEmpty()) {
            throw AdminException.badParameter("entity", "parameter 'entity' must be one of " + EntityType.allNames()
                    + ", got '" + entity + "'");
        }
        KpiInputs inputs = KpiInputs.read(store, model.kpis());
        FunnelReport report = new FunnelKpiCalculator(model).compute(inputs.history(), inputs.deals(), period, now,
                entity == null ? null : EntityType.parse(entity).get().configName());
        Map<String, Object> body = KpiView.report(report);
        body.put("campaignRoi", new CampaignRoiView(store, model.kpis().won()).compute(inputs.history(), period, now));
        body.put("historyEntriesRead", inputs.history().size());
        body.putAll(KpiView.pictures(report));
        return AdminReply.ok(body);
    }

    /**
     * {@code GET /api/kpis/trend?period=week|month&count=&at=}: the team KPIs of {@code count} (default 12)
     * consecutive calendar weeks or months (UTC), the last one containing {@code at} (default now), oldest first, each
     * as of now.
     */
    AdminReply trend(AdminQuery query) {
        Instant now = clock.instant();
        String unitText = query.string("period");
        TeamTarget.Period unit = unitText == null ? TeamTarget.Period.MONTH : TeamTarget.Period.parse(unitText)
                .filter(p -> p == TeamTarget.Period.WEEK || p == TeamTarget.Period.MONTH)
                .orElseThrow(() -> AdminException.badParameter("period", "parameter 'period' must be week or month, "
                        + "got '" + unitText + "'"));
        int count = query.intIn("count", 1, MAX_TREND, DEFAULT_TREND);
        Instant at = query.instant("at");
        List<KpiPeriod> periods = new ArrayList<>();
        KpiPeriod last = KpiPeriod.containing(unit, at == null ? now : at);
        for (KpiPeriod p = last; periods.size() < count; p = KpiPeriod.containing(unit, p.from().minusSeconds(1))) {
            periods.add(0, p);
        }
        KpiInputs inputs = KpiInputs.read(store, model.kpis());
        TeamKpiCalculator calculator = new TeamKpiCalculator(model);
        Map<Metric, List<Double>> series = new LinkedHashMap<>();
        Map<Metric, TeamKpiValue> first = new LinkedHashMap<>();
        for (KpiPeriod p : periods) {
            for (TeamKpiValue k : calculator.compute(inputs.history(), inputs.deals(), p, now)) {
                series.computeIfAbsent(k.metric(), m -> new ArrayList<>()).add(k.value());
                first.putIfAbsent(k.metric(), k);
            }
        }
        List<Map<String, Object>> teams = new ArrayList<>();
        for (Team team : model.teams()) {
            List<Map<String, Object>> kpis = new ArrayList<>();
            first.values().stream().filter(k -> k.team().equals(team.id())).forEach(k -> {
                Map<String, Object> view = TeamKpiView.head(k.metric());
                view.put("entity", k.entity().configName());
                view.put("values", series.get(k.metric()));
                kpis.add(view);
            });
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("team", team.id());
            view.put("name", team.name());
            view.put("kpis", kpis);
            teams.add(view);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period", unit.name().toLowerCase(java.util.Locale.ROOT));
        body.put("asOf", now);
        body.put("periods", periods.stream().map(TeamKpiView::period).toList());
        body.put("teams", teams);
        return AdminReply.ok(body);
    }

    /**
     * {@code GET /api/kpis/{kpi}/entries?period=&from=&to=&team=}: one team KPI of a period with every record it
     * counts (its role and the ids of the history entries that decided it), those entries in full, and the facts of
     * the deals it counts.
     */
    AdminReply entries(String kpiName, AdminQuery query) {
        Metric metric = Metric.parse(kpiName).filter(Metric::isTeamKpi).orElseThrow(() -> AdminException.notFound(
                "no KPI '" + kpiName + "'; the team KPIs are: " + String.join(", ", java.util.Arrays.stream(
                        Metric.values()).filter(Metric::isTeamKpi).map(Metric::configName).toList())));
        Instant now = clock.instant();
        KpiPeriod period = AdminApi.period(query, now);
        KpiInputs inputs = KpiInputs.read(store, model.kpis());
        TeamKpiValue value = new TeamKpiCalculator(model).compute(inputs.history(), inputs.deals(), period, now)
                .stream().filter(k -> k.metric() == metric).findFirst().orElseThrow(() -> AdminException.notFound(
                        "KPI '" + kpiName + "' is not measured: the stage model has no stage for it"));
        String team = query.string("team");
        if (team != null && !team.equals(value.team())) {
            throw AdminException.badParameter("team", "KPI '" + kpiName + "' belongs to team " + value.team()
                    + ", not '" + team + "'");
        }
        Set<Long> ids = new LinkedHashSet<>();
        value.contributions().forEach(c -> ids.addAll(c.entryIds()));
        List<StageHistoryEntry> entries = inputs.history().stream().filter(e -> ids.contains(e.id())).toList();
        Map<String, DealRecord> deals = new HashMap<>();
        inputs.deals().forEach(d -> deals.put(d.canonicalId(), d));
        Map<String, Object> body = new LinkedHashMap<>();
        body.putAll(TeamKpiView.head(metric));
        body.put("team", value.team());
        body.put("entity", value.entity().configName());
        body.put("from", period.from());
        body.put("to", period.to());
        body.put("asOf", now);
        body.put("value", value.value());
        body.put("parts", TeamKpiView.parts(value.parts()));
        body.put("note", value.note());
        body.put("records", value.contributions().stream().map(KpiEndpoints::contribution).toList());
        body.put("entries", entries.stream().map(AdminViews::entry).toList());
        if (value.entity() == EntityType.DEAL) {
            body.put("deals", value.contributions().stream().map(KpiContribution::canonicalId).distinct()
                    .map(id -> deal(id, deals.get(id))).toList());
        }
        return AdminReply.ok(body);
    }

    private static Map<String, Object> contribution(KpiContribution c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("canonicalId", c.canonicalId());
        view.put("role", c.role());
        view.put("entryIds", c.entryIds());
        return view;
    }

    private Map<String, Object> deal(String id, DealRecord deal) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("canonicalId", id);
        view.put("amount", deal == null ? null : TeamKpiView.plain(deal.amount()));
        view.put("closeDate", deal == null ? null : deal.closeDate());
        view.put("kind", deal == null ? null : deal.kind());
        view.put("renewal", deal != null && model.kpis().renewal() != null
                && model.kpis().renewal().matches(deal.kind()));
        return view;
    }
}
