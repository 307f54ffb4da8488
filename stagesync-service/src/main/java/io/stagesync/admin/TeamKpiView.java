package io.stagesync.admin;

import io.stagesync.kpi.KpiPeriod;
import io.stagesync.kpi.TeamKpiValue;
import io.stagesync.stage.TeamTarget.Metric;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The JSON shape of a team KPI: config spelling, a label, unit, value, parts and the link to its entries. */
final class TeamKpiView {
    private static final Map<Metric, String> LABELS = new EnumMap<>(Metric.class);

    static {
        LABELS.put(Metric.LEADS_CREATED, "Leads created");
        LABELS.put(Metric.MQLS, "MQLs");
        LABELS.put(Metric.MQL_TO_SAL, "MQL → SAL");
        LABELS.put(Metric.LEAD_TO_OPPORTUNITY, "Lead → opportunity");
        LABELS.put(Metric.OPPORTUNITIES_CREATED, "Opportunities created");
        LABELS.put(Metric.WIN_RATE, "Win rate");
        LABELS.put(Metric.WINS, "Wins");
        LABELS.put(Metric.WON_AMOUNT, "Won amount");
        LABELS.put(Metric.AVERAGE_DEAL_SIZE, "Average deal size");
        LABELS.put(Metric.SALES_CYCLE_DAYS, "Sales cycle");
        LABELS.put(Metric.RENEWAL_RATE, "Renewal rate");
        LABELS.put(Metric.RETAINED_CUSTOMERS, "Retained customers");
        LABELS.put(Metric.CHURN, "Churn");
        LABELS.put(Metric.LOGO_RETENTION, "Logo retention");
    }

    private TeamKpiView() {
    }

    static String label(Metric metric) {
        return LABELS.getOrDefault(metric, metric.configName());
    }

    /** The KPI with its value and parts, and {@code entries}: the trace endpoint's address for this period. */
    static Map<String, Object> kpi(TeamKpiValue k, KpiPeriod period) {
        Map<String, Object> view = head(k.metric());
        view.put("entity", k.entity().configName());
        view.put("value", k.value());
        view.put("parts", parts(k.parts()));
        view.put("note", k.note());
        view.put("entries", "/api/kpis/" + k.metric().configName() + "/entries?from=" + period.from() + "&to="
                + period.to());
        return view;
    }

    /** kpi, label, unit. */
    static Map<String, Object> head(Metric metric) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kpi", metric.configName());
        view.put("label", label(metric));
        view.put("unit", metric.unit().name().toLowerCase(Locale.ROOT));
        return view;
    }

    static Map<String, Object> parts(Map<String, Object> parts) {
        Map<String, Object> view = new LinkedHashMap<>();
        parts.forEach((name, value) -> view.put(name, value instanceof BigDecimal d ? plain(d) : value));
        return view;
    }

    /** Without an exponent, so JSON shows 10000000, not 1E+7. */
    static BigDecimal plain(BigDecimal value) {
        return value == null ? null : new BigDecimal(value.toPlainString());
    }

    static Map<String, Object> period(KpiPeriod period) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("from", period.from());
        view.put("to", period.to());
        return view;
    }
}
