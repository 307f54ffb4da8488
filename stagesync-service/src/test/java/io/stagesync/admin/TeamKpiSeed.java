package io.stagesync.admin;

import io.stagesync.model.CanonicalRecord;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StageHistoryEntry.Outcome;
import io.stagesync.store.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A store whose team KPIs of March 2025 are known by hand (shipped stage model; 09:00 UTC on each day):
 * <pre>
 * people   L1 first seen LEAD 03-02 | MQL 03-05 | SAL 03-06 | SQL 03-08 | OPPORTUNITY 03-12
 *          L2 first seen MQL 03-03 | MQL→SAL refused 03-04 (sal-owner, hold)
 *          L3 first seen LEAD 02-20 | MQL 03-10 | SAL 04-05
 *          L4 first seen SAL 03-04
 *          L5 first seen LEAD 03-15 | LEAD→SAL 03-16, path LEAD, MQL, SAL
 * accounts A1 first seen CUSTOMER 01-10;  A2 CUSTOMER 02-01 | CHURNED 03-15;  A3 first seen CUSTOMER 03-05;
 *          A4 WON 02-01 | CUSTOMER 03-20;  A5 CUSTOMER 01-01 | CHURNED 02-15;  A6 CUSTOMER 01-05 | CHURNED 04-02
 * deals    D1 OPPORTUNITY 03-01 | WON 03-11 (1000)      D2 OPPORTUNITY 02-10 | WON 03-02 (3000, renewal)
 *          D3 first seen WON 03-05 (500)                D4 OPPORTUNITY 03-03 | LOST 03-25 (flag policy)
 *          D5 OPPORTUNITY 02-01 | LOST 03-09 (renewal)   D6 OPPORTUNITY 02-15, open (renewal, closes 03-20)
 *          D7 OPPORTUNITY 02-15, open (renewal, closes 04-15)
 *          D8 OPPORTUNITY 01-10 | LOST 02-20 (renewal, closes 03-05: closed before March)
 *          D9 OPPORTUNITY 03-10 | WON 04-05 (7000: won after March)
 *
 * leads created 3 (L1 L2 L5)   MQLs 4 (L1 L2 L3 L5)   MQL→SAL 3/4   lead→opportunity 1/3
 * opportunities created 3 (D1 D4 D9)   win rate 3/5   wins 3   won amount 4500   average 1500
 * sales cycle (10 d + 20 d) / 2 = 15 (D3 untimed)   renewal rate 1/3 (D2 won, D5 lost, D6 due)
 * customers at start 4 (A1 A2 A3 A6), churn 1, retained 3, logo retention 3/4
 * </pre>
 */
final class TeamKpiSeed {
    static final String MARCH = "from=2025-03-01&to=2025-04-01";
    static final String RENEWAL = "Existing Customer - Renewal";

    private TeamKpiSeed() {
    }

    /** The hand-computed value of each team KPI in March 2025. */
    static Map<String, Double> expected() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("leads-created", 3.0);
        values.put("mqls", 4.0);
        values.put("mql-to-sal", 0.75);
        values.put("lead-to-opportunity", 1 / 3.0);
        values.put("opportunities-created", 3.0);
        values.put("win-rate", 0.6);
        values.put("wins", 3.0);
        values.put("won-amount", 4500.0);
        values.put("average-deal-size", 1500.0);
        values.put("sales-cycle-days", 15.0);
        values.put("renewal-rate", 1 / 3.0);
        values.put("retained-customers", 3.0);
        values.put("churn", 1.0);
        values.put("logo-retention", 0.75);
        return values;
    }

    static void into(StateStore store) {
        List<StageHistoryEntry> h = new ArrayList<>();
        journey(h, "L1", "person", "03-02", "LEAD", "03-05", "MQL", "03-06", "SAL", "03-08", "SQL", "03-12", "OPPORTUNITY");
        journey(h, "L2", "person", "03-03", "MQL");
        h.add(entry("L2", "person", "MQL", "SAL", Outcome.REFUSED_VIOLATED, "hold", List.of("MQL", "SAL"), "03-04"));
        journey(h, "L3", "person", "02-20", "LEAD", "03-10", "MQL", "04-05", "SAL");
        journey(h, "L4", "person", "03-04", "SAL");
        journey(h, "L5", "person", "03-15", "LEAD");
        h.add(entry("L5", "person", "LEAD", "SAL", Outcome.ACCEPTED, null, List.of("LEAD", "MQL", "SAL"), "03-16"));
        journey(h, "A1", "account", "01-10", "CUSTOMER");
        journey(h, "A2", "account", "02-01", "CUSTOMER", "03-15", "CHURNED");
        journey(h, "A3", "account", "03-05", "CUSTOMER");
        journey(h, "A4", "account", "02-01", "WON", "03-20", "CUSTOMER");
        journey(h, "A5", "account", "01-01", "CUSTOMER", "02-15", "CHURNED");
        journey(h, "D1", "deal", "03-01", "OPPORTUNITY", "03-11", "WON");
        journey(h, "D2", "deal", "02-10", "OPPORTUNITY", "03-02", "WON");
        journey(h, "D3", "deal", "03-05", "WON");
        journey(h, "D4", "deal", "03-03", "OPPORTUNITY");
        h.add(entry("D4", "deal", "OPPORTUNITY", "LOST", Outcome.REFUSED_VIOLATED, "flag", List.of("OPPORTUNITY", "LOST"),
                "03-25"));
        journey(h, "D5", "deal", "02-01", "OPPORTUNITY", "03-09", "LOST");
        journey(h, "D6", "deal", "02-15", "OPPORTUNITY");
        journey(h, "D7", "deal", "02-15", "OPPORTUNITY");
        journey(h, "D8", "deal", "01-10", "OPPORTUNITY", "02-20", "LOST");
        journey(h, "D9", "deal", "03-10", "OPPORTUNITY", "04-05", "WON");
        journey(h, "A6", "account", "01-05", "CUSTOMER", "04-02", "CHURNED");
        h.sort(java.util.Comparator.comparing(StageHistoryEntry::occurredAt));
        h.forEach(store.stageHistory()::append);
        deal(store, "D1", "WON", 1000.0, null, "New Customer");
        deal(store, "D2", "WON", 3000.0, null, RENEWAL);
        deal(store, "D3", "WON", 500.0, null, "New Customer");
        deal(store, "D4", "LOST", 800.0, null, "New Customer");
        deal(store, "D5", "LOST", 900.0, null, RENEWAL);
        deal(store, "D6", "OPPORTUNITY", 1200.0, "2025-03-20T00:00:00Z", RENEWAL);
        deal(store, "D7", "OPPORTUNITY", 1300.0, "2025-04-15T00:00:00Z", RENEWAL);
        deal(store, "D8", "LOST", 1400.0, "2025-03-05T00:00:00Z", RENEWAL);
        deal(store, "D9", "WON", 7000.0, null, "New Customer");
    }

    private static void deal(StateStore store, String id, String stage, double amount, String closeDate, String type) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("amount", amount);
        fields.put("dealType", type);
        if (closeDate != null) {
            fields.put("closeDate", Instant.parse(closeDate));
        }
        store.records().save(CanonicalRecord.newRecord(id, "deal", stage, fields));
    }

    /** Accepted moves: (MM-DD, stage) pairs of 2025, the first a first sighting. */
    private static void journey(List<StageHistoryEntry> out, String record, String entity, String... daysAndStages) {
        String from = null;
        for (int i = 0; i < daysAndStages.length; i += 2) {
            String to = daysAndStages[i + 1];
            out.add(entry(record, entity, from, to, Outcome.ACCEPTED, null,
                    from == null ? List.of(to) : List.of(from, to), daysAndStages[i]));
            from = to;
        }
    }

    private static StageHistoryEntry entry(String record, String entity, String from, String to, Outcome outcome,
                                           String policy, List<String> path, String day) {
        return new StageHistoryEntry(0, record, entity, from, to, outcome, policy, "salesforce", path,
                outcome == Outcome.ACCEPTED ? List.of() : List.of("seeded-rule"), List.of("seeded"),
                Instant.parse("2025-" + day + "T09:00:00Z"));
    }
}
