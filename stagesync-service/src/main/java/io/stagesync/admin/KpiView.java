package io.stagesync.admin;

import io.stagesync.kpi.Bottleneck;
import io.stagesync.kpi.FunnelReport;
import io.stagesync.kpi.HandoffKpi;
import io.stagesync.kpi.KpiPeriod;
import io.stagesync.kpi.StageKpi;
import io.stagesync.kpi.TargetResult;
import io.stagesync.kpi.TeamKpi;
import io.stagesync.kpi.TimeInStage;
import io.stagesync.stage.TeamTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shape of a {@link FunnelReport}: config spellings (entries, month, min) and explicit nulls. */
final class KpiView {
    private KpiView() {
    }

    static Map<String, Object> report(FunnelReport r) {
        KpiPeriod period = new KpiPeriod(r.from(), r.to());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("from", r.from());
        view.put("to", r.to());
        view.put("asOf", r.now());
        view.put("entityType", r.entityType());
        view.put("teams", r.teams().stream().map(t -> team(t, period)).toList());
        view.put("handoffs", r.handoffs().stream().map(KpiView::handoff).toList());
        view.put("bottleneck", r.bottleneck() == null ? null : bottleneck(r.bottleneck()));
        Map<String, Object> violations = new LinkedHashMap<>();
        violations.put("total", r.violations().total());
        violations.put("violated", r.violations().violated());
        violations.put("notAllowed", r.violations().notAllowed());
        violations.put("byRule", r.violations().byRule());
        violations.put("byPolicy", r.violations().byPolicy());
        view.put("violations", violations);
        view.put("recycled", r.recycled());
        Map<String, Object> renewal = new LinkedHashMap<>();
        renewal.put("measurable", r.renewal().renewalMeasurable());
        renewal.put("note", r.renewal().note());
        renewal.put("customersAtStart", r.renewal().customersAtStart());
        renewal.put("churned", r.renewal().churned());
        renewal.put("logoRetention", r.renewal().logoRetention());
        renewal.put("rate", r.renewal().rate());
        view.put("renewal", renewal);
        return view;
    }

    /** What the dashboard's funnel chart and time-in-stage histogram draw: {@code funnel} and {@code timeInStage}. */
    static Map<String, Object> pictures(FunnelReport r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("funnel", funnel(r));
        view.put("timeInStage", r.timeInStage() == null ? null : timeInStage(r.timeInStage()));
        return view;
    }

    private static Map<String, Object> team(TeamKpi t, KpiPeriod period) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("team", t.team());
        view.put("name", t.name());
        view.put("stages", t.stages().stream().map(KpiView::stage).toList());
        view.put("targets", t.targets().stream().map(KpiView::target).toList());
        view.put("kpis", t.kpis().stream().map(k -> TeamKpiView.kpi(k, period)).toList());
        return view;
    }

    /** The main line's stages in funnel order with their movement in the period (the funnel chart's data). */
    private static List<Map<String, Object>> funnel(FunnelReport r) {
        List<Map<String, Object>> stages = new ArrayList<>();
        for (String id : r.mainLine()) {
            for (TeamKpi team : r.teams()) {
                team.stages().stream().filter(s -> s.stage().equals(id)).findFirst().ifPresent(s -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("stage", s.stage());
                    view.put("team", team.team());
                    view.put("entries", s.entries());
                    view.put("firstSeen", s.firstSeen());
                    view.put("countNow", s.countNow());
                    stages.add(view);
                });
            }
        }
        return stages;
    }

    private static Map<String, Object> timeInStage(TimeInStage t) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("stage", t.stage());
        view.put("timedExits", t.timedExits());
        view.put("medianDays", t.medianDays());
        view.put("buckets", t.buckets().stream().map(b -> {
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("fromDays", b.fromDays());
            bucket.put("toDays", b.toDays());
            bucket.put("count", b.count());
            return bucket;
        }).toList());
        return view;
    }

    private static Map<String, Object> stage(StageKpi s) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("stage", s.stage());
        view.put("entries", s.entries());
        view.put("firstSeen", s.firstSeen());
        view.put("exits", s.exits());
        view.put("medianDaysInStage", s.medianDaysInStage());
        view.put("timedExits", s.timedExits());
        view.put("countNow", s.countNow());
        return view;
    }

    private static Map<String, Object> handoff(HandoffKpi h) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("from", h.from());
        view.put("to", h.to());
        view.put("entered", h.entered());
        view.put("converted", h.converted());
        view.put("rate", h.rate());
        return view;
    }

    private static Map<String, Object> target(TargetResult r) {
        TeamTarget t = r.target();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("metric", t.metric().configName());
        if (t.metric() == TeamTarget.Metric.CONVERSION) {
            view.put("from", t.from());
            view.put("to", t.to());
        } else if (!t.metric().isTeamKpi()) {
            view.put("stage", t.stage());
        } else {
            view.put("label", TeamKpiView.label(t.metric()));
            view.put("unit", t.metric().unit().name().toLowerCase(Locale.ROOT));
        }
        view.put("period", t.period().name().toLowerCase(Locale.ROOT));
        view.put("bound", t.bound().name().toLowerCase(Locale.ROOT));
        view.put("value", t.value());
        view.put("expected", r.expected());
        view.put("actual", r.actual());
        view.put("attainment", r.attainment());
        view.put("status", r.status().name());
        return view;
    }

    private static Map<String, Object> bottleneck(Bottleneck b) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("team", b.team());
        view.put("from", b.from());
        view.put("to", b.to());
        view.put("actual", b.actual());
        view.put("target", b.target());
        view.put("attainment", b.attainment());
        return view;
    }

    static List<String> periods() {
        return List.of("week", "month", "quarter", "year");
    }
}
