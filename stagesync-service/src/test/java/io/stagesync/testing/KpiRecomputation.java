package io.stagesync.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The team KPIs recomputed from the raw rows of {@code stage_history} and {@code canonical_record}, read with plain
 * SQL, by a small separate implementation of the definitions in docs/kpis.md for the <b>shipped</b> stage
 * model (its stage names and its renewal declaration, spelled out here): what the KPI API answers must equal this.
 * It shares no code with {@code io.stagesync.kpi}.
 */
public final class KpiRecomputation {
    public static final String RENEWAL_TYPE = "Existing Customer - Renewal";
    private static final ObjectMapper JSON = new ObjectMapper();

    private KpiRecomputation() {
    }

    /** One stage_history row. */
    public record Row(long id, String record, String entity, String from, String to, String outcome, String policy,
                      List<String> path, Instant at) {
    }

    /** One deal of canonical_record with the fields the KPIs read. */
    public record Deal(String id, BigDecimal amount, Instant closeDate, String type) {
    }

    /**
     * One KPI recomputed.
     *
     * @param value   nullable: the number
     * @param records "canonicalId role [entry ids]" of every record counted, sorted
     */
    public record Kpi(Double value, TreeSet<String> records) {
    }

    /** A step of a record: one edge of a moving row's path (a first sighting has no from). */
    private record Step(int index, long id, String from, String to, Instant at) {
    }

    public static List<Row> rows(String jdbcUrl, String user, String password) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id, canonical_id, entity_type, from_stage, to_stage, outcome, policy,"
                     + " path, occurred_at FROM stage_history ORDER BY occurred_at, id")) {
            while (r.next()) {
                rows.add(new Row(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), r.getString(7), strings(r.getString(8)),
                        r.getObject(9, OffsetDateTime.class).toInstant()));
            }
        }
        return rows;
    }

    public static List<Deal> deals(String jdbcUrl, String user, String password) throws SQLException {
        List<Deal> deals = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id, fields FROM canonical_record WHERE entity_type = 'deal'")) {
            while (r.next()) {
                Map<String, Object> fields = map(r.getString(2));
                Object amount = fields.get("amount");
                Object close = fields.get("closeDate");
                Object type = fields.get("dealType");
                deals.add(new Deal(r.getString(1), amount == null ? null : new BigDecimal(amount.toString()),
                        close == null ? null : instant(close.toString()), type == null ? null : type.toString()));
            }
        }
        return deals;
    }

    private static Instant instant(String text) {
        return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                : OffsetDateTime.parse(text).toInstant();
    }

    private static List<String> strings(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("path is not a JSON list: " + json, e);
        }
    }

    private static Map<String, Object> map(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("fields are not a JSON object: " + json, e);
        }
    }

    /** Every team KPI of [from, to) as of now, by its config name. */
    public static Map<String, Kpi> compute(List<Row> rows, List<Deal> deals, Instant from, Instant to, Instant now) {
        Map<String, List<Step>> steps = new LinkedHashMap<>();
        Map<String, String> entity = new LinkedHashMap<>();
        rows.stream().filter(r -> !r.at().isAfter(now))
                .sorted(Comparator.comparing(Row::at).thenComparingLong(Row::id)).forEach(r -> {
                    entity.putIfAbsent(r.record(), r.entity());
                    List<Step> mine = steps.computeIfAbsent(r.record(), k -> new ArrayList<>());
                    if (!r.outcome().equals("ACCEPTED") && !"flag".equals(r.policy())) {
                        return;
                    }
                    if (r.from() == null) {
                        mine.add(new Step(mine.size(), r.id(), null, r.to(), r.at()));
                        return;
                    }
                    List<String> path = r.path().size() >= 2 ? r.path() : List.of(r.from(), r.to());
                    for (int i = 1; i < path.size(); i++) {
                        mine.add(new Step(mine.size(), r.id(), path.get(i - 1), path.get(i), r.at()));
                    }
                });
        Period p = new Period(from, to);
        Map<String, Kpi> out = new LinkedHashMap<>();
        people(steps, entity, p, out);
        deals(steps, entity, deals, p, out);
        customers(steps, entity, p, out);
        return out;
    }

    private record Period(Instant from, Instant to) {
        boolean has(Instant at) {
            return !at.isBefore(from) && at.isBefore(to);
        }
    }

    private static void people(Map<String, List<Step>> steps, Map<String, String> entity, Period p,
                               Map<String, Kpi> out) {
        TreeSet<String> created = new TreeSet<>();
        TreeSet<String> mqls = new TreeSet<>();
        TreeSet<String> mqlToSal = new TreeSet<>();
        TreeSet<String> leadToOpp = new TreeSet<>();
        long mqlCohort = 0;
        long mqlConverted = 0;
        long leadCohort = 0;
        long leadConverted = 0;
        for (var e : steps.entrySet()) {
            if (!entity.get(e.getKey()).equals("person") || e.getValue().isEmpty()) {
                continue;
            }
            String id = e.getKey();
            List<Step> s = e.getValue();
            Step first = s.get(0);
            if (first.from() == null && p.has(first.at()) && List.of("LEAD", "MQL").contains(first.to())) {
                created.add(id + " created [" + first.id() + "]");
                leadCohort++;
                leadToOpp.add(id + " cohort [" + first.id() + "]");
                Step opp = after(s, first, "OPPORTUNITY");
                if (opp != null) {
                    leadConverted++;
                    leadToOpp.add(id + " converted [" + opp.id() + "]");
                }
            }
            Step mql = s.stream().filter(x -> x.to().equals("MQL") && p.has(x.at())).findFirst().orElse(null);
            if (mql != null) {
                mqls.add(id + " entered [" + mql.id() + "]");
                mqlCohort++;
                mqlToSal.add(id + " cohort [" + mql.id() + "]");
                Step sal = after(s, mql, "SAL");
                if (sal != null) {
                    mqlConverted++;
                    mqlToSal.add(id + " converted [" + sal.id() + "]");
                }
            }
        }
        out.put("leads-created", new Kpi((double) created.size(), created));
        out.put("mqls", new Kpi((double) mqls.size(), mqls));
        out.put("mql-to-sal", new Kpi(ratio(mqlConverted, mqlCohort), mqlToSal));
        out.put("lead-to-opportunity", new Kpi(ratio(leadConverted, leadCohort), leadToOpp));
    }

    private static Step after(List<Step> steps, Step start, String stage) {
        return steps.stream().filter(x -> x.index() > start.index() && x.to().equals(stage)).findFirst().orElse(null);
    }

    private static Step firstTo(List<Step> steps, String stage) {
        return steps.stream().filter(x -> x.to().equals(stage)).findFirst().orElse(null);
    }

    private static void deals(Map<String, List<Step>> steps, Map<String, String> entity, List<Deal> deals, Period p,
                              Map<String, Kpi> out) {
        Map<String, Deal> byId = new LinkedHashMap<>();
        deals.forEach(d -> byId.put(d.id(), d));
        TreeSet<String> created = new TreeSet<>();
        TreeSet<String> winRate = new TreeSet<>();
        TreeSet<String> wins = new TreeSet<>();
        TreeSet<String> cycle = new TreeSet<>();
        Map<String, Step> won = new LinkedHashMap<>();
        Map<String, Step> lost = new LinkedHashMap<>();
        BigDecimal amount = BigDecimal.ZERO;
        double days = 0;
        long timed = 0;
        for (var e : steps.entrySet()) {
            if (!entity.get(e.getKey()).equals("deal")) {
                continue;
            }
            String id = e.getKey();
            List<Step> s = e.getValue();
            s.stream().filter(x -> x.to().equals("OPPORTUNITY") && p.has(x.at())).findFirst()
                    .ifPresent(x -> created.add(id + " created [" + x.id() + "]"));
            Step w = firstTo(s, "WON");
            Step l = firstTo(s, "LOST");
            if (w != null && p.has(w.at())) {
                won.put(id, w);
                winRate.add(id + " won [" + w.id() + "]");
                wins.add(id + " won [" + w.id() + "]");
                Deal deal = byId.get(id);
                amount = amount.add(deal == null || deal.amount() == null ? BigDecimal.ZERO : deal.amount());
                if (w.from() == null) {
                    cycle.add(id + " untimed [" + w.id() + "]");
                } else {
                    timed++;
                    days += Duration.between(s.get(0).at(), w.at()).getSeconds() / 86_400.0;
                    cycle.add(id + " timed [" + s.get(0).id() + ", " + w.id() + "]");
                }
            } else if (l != null && p.has(l.at())) {
                lost.put(id, l);
                winRate.add(id + " lost [" + l.id() + "]");
            }
        }
        TreeSet<String> renewal = new TreeSet<>();
        long renewed = 0;
        long renewalsClosedOrDue = 0;
        for (Deal d : deals) {
            if (!RENEWAL_TYPE.equals(d.type())) {
                continue;
            }
            List<Step> s = steps.getOrDefault(d.id(), List.of());
            if (won.containsKey(d.id())) {
                renewed++;
                renewalsClosedOrDue++;
                renewal.add(d.id() + " won [" + won.get(d.id()).id() + "]");
            } else if (lost.containsKey(d.id())) {
                renewalsClosedOrDue++;
                renewal.add(d.id() + " lost [" + lost.get(d.id()).id() + "]");
            } else if (firstTo(s, "WON") == null && firstTo(s, "LOST") == null && d.closeDate() != null
                    && p.has(d.closeDate())) {
                renewalsClosedOrDue++;
                renewal.add(d.id() + " due []");
            }
        }
        out.put("opportunities-created", new Kpi((double) created.size(), created));
        out.put("win-rate", new Kpi(ratio(won.size(), won.size() + lost.size()), winRate));
        out.put("wins", new Kpi((double) won.size(), wins));
        out.put("won-amount", new Kpi(amount.doubleValue(), wins));
        out.put("average-deal-size", new Kpi(won.isEmpty() ? null : amount.doubleValue() / won.size(), wins));
        out.put("sales-cycle-days", new Kpi(timed == 0 ? null : days / timed, cycle));
        out.put("renewal-rate", new Kpi(ratio(renewed, renewalsClosedOrDue), renewal));
    }

    private static void customers(Map<String, List<Step>> steps, Map<String, String> entity, Period p,
                                  Map<String, Kpi> out) {
        TreeSet<String> retained = new TreeSet<>();
        TreeSet<String> churned = new TreeSet<>();
        for (var e : steps.entrySet()) {
            if (!entity.get(e.getKey()).equals("account") || e.getValue().isEmpty()) {
                continue;
            }
            String id = e.getKey();
            List<Step> s = e.getValue();
            Step start = null;
            for (Step x : s) {
                if (x.at().isBefore(p.from())) {
                    start = x;
                }
            }
            if (start == null || !start.to().equals("CUSTOMER")) {
                Step first = s.get(0);
                start = first.from() == null && first.to().equals("CUSTOMER") && p.has(first.at()) ? first : null;
            }
            if (start == null) {
                continue;
            }
            Step begin = start;
            Step churn = s.stream().filter(x -> x.index() > begin.index() && "CUSTOMER".equals(x.from())
                    && x.to().equals("CHURNED") && p.has(x.at())).findFirst().orElse(null);
            if (churn == null) {
                retained.add(id + " retained [" + start.id() + "]");
            } else {
                churned.add(id + " churned [" + start.id() + ", " + churn.id() + "]");
            }
        }
        TreeSet<String> both = new TreeSet<>(retained);
        both.addAll(churned);
        out.put("retained-customers", new Kpi((double) retained.size(), retained));
        out.put("churn", new Kpi((double) churned.size(), churned));
        out.put("logo-retention", new Kpi(ratio(retained.size(), both.size()), both));
    }

    private static Double ratio(double numerator, long denominator) {
        return denominator == 0 ? null : numerator / denominator;
    }
}
