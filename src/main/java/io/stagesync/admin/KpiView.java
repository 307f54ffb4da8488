package io.stagesync.admin;

import io.stagesync.kpi.Bottleneck;
import io.stagesync.kpi.FunnelReport;
import io.stagesync.kpi.HandoffKpi;
import io.stagesync.kpi.StageKpi;
import io.stagesync.kpi.TargetResult;
import io.stagesync.kpi.TeamKpi;
import io.stagesync.stage.TeamTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shape of a {@link FunnelReport}: config spellings (entries, month, min) and explicit nulls. */
final class KpiView {
    private KpiView() {
    }

    static Map<String, Object> report(FunnelReport r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("from", r.from());
        view.put("to", r.to());
        view.put("asOf", r.now());
        view.put("entityType", r.entityType());
        view.put("teams", r.teams().stream().map(KpiView::team).toList());
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
        view.put("renewal", renewal);
        return view;
    }

    private static Map<String, Object> team(TeamKpi t) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("team", t.team());
        view.put("name", t.name());
        view.put("stages", t.stages().stream().map(KpiView::stage).toList());
        view.put("targets", t.targets().stream().map(KpiView::target).toList());
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
        } else {
            view.put("stage", t.stage());
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
