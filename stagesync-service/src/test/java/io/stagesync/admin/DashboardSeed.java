package io.stagesync.admin;

import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StageHistoryEntry.Outcome;
import io.stagesync.store.StateStore;
import io.stagesync.store.Watermark;
import java.time.Instant;
import java.util.List;

/**
 * A stage history in March 2025 whose funnel is known by hand (shipped targets in brackets):
 * <pre>
 * p1 person  first seen MQL 03-02 | SAL 03-03 | SQL 03-05 | OPPORTUNITY 03-10
 * p2 person  first seen MQL 03-02 | SAL 03-04
 * p3 person  first seen MQL 03-02 | SAL 03-04
 * p4 person  first seen MQL 03-03 | MQL→SAL refused 03-07 (sal-owner, hold): stays MQL
 * a1 account first seen OPPORTUNITY 03-02 | WON 03-12 | CUSTOMER 03-20 (a deal never is a CUSTOMER)
 * d2 deal    first seen OPPORTUNITY 03-02 | LOST 03-15
 * d3 deal    first seen OPPORTUNITY 03-03
 * d4 deal    first seen OPPORTUNITY 03-03 | OPPORTUNITY→WON refused 03-14 (won-amount, hold): stays OPPORTUNITY
 * r1 deal    first seen OPPORTUNITY 02-10 | WON 03-18      renewal, 12000 (entered OPPORTUNITY in February: in no
 *            March cohort; a deal never is a CUSTOMER)
 * r2 deal    first seen OPPORTUNITY 02-11, open            renewal, closes 03-25: due in March
 *
 * MQL→SAL          3 of 4 = 75.0 %   [≥ 60 %: met, attainment 125.0 %]
 * SAL→SQL          1 of 3 = 33.3 %   [≥ 50 %: missed, attainment 66.7 %]  ← the bottleneck
 * SQL→OPPORTUNITY  1 of 1 = 100.0 %  [≥ 40 %: met]
 * OPPORTUNITY→WON  1 of 5 = 20.0 %   [≥ 25 %: missed, attainment 80.0 %]
 * WON→CUSTOMER     1 of 1 = 100.0 %  [≥ 95 %: met]
 * now: MQL 1, SAL 2, SQL 0, OPPORTUNITY 4, WON 1, CUSTOMER 1, LOST 1; median days in SAL 2.0 (p1 only)
 * renewal rate 1 of 2 = 50.0 % (r1 won, r2 due)   wins 1 (r1), won amount 12000   time in SAL: one exit, 2 days
 * </pre>
 * Also: dead letters (two open, one discarded) and watermarks for salesforce Contact and netsuite customer.
 */
final class DashboardSeed {
    static final String MARCH = "2025-03-01";

    private DashboardSeed() {
    }

    static void into(StateStore store) {
        journey(store, "p1", "person", "2025-03-02", "MQL", "2025-03-03", "SAL", "2025-03-05", "SQL",
                "2025-03-10", "OPPORTUNITY");
        journey(store, "p2", "person", "2025-03-02", "MQL", "2025-03-04", "SAL");
        journey(store, "p3", "person", "2025-03-02", "MQL", "2025-03-04", "SAL");
        journey(store, "p4", "person", "2025-03-03", "MQL");
        refused(store, "p4", "person", "MQL", "SAL", "sal-owner", "salesforce", "2025-03-07");
        journey(store, "a1", "account", "2025-03-02", "OPPORTUNITY", "2025-03-12", "WON", "2025-03-20", "CUSTOMER");
        journey(store, "d2", "deal", "2025-03-02", "OPPORTUNITY", "2025-03-15", "LOST");
        journey(store, "d3", "deal", "2025-03-03", "OPPORTUNITY");
        journey(store, "d4", "deal", "2025-03-03", "OPPORTUNITY");
        refused(store, "d4", "deal", "OPPORTUNITY", "WON", "won-amount", "netsuite", "2025-03-14");
        journey(store, "r1", "deal", "2025-02-10", "OPPORTUNITY", "2025-03-18", "WON");
        journey(store, "r2", "deal", "2025-02-11", "OPPORTUNITY");
        deal(store, "d2", "LOST", 4000.0, null, "New Customer");
        deal(store, "d3", "OPPORTUNITY", 5000.0, null, "New Customer");
        deal(store, "d4", "OPPORTUNITY", 0.0, null, "New Customer");
        deal(store, "r1", "WON", 12000.0, "2025-03-18T00:00:00Z", RENEWAL);
        deal(store, "r2", "OPPORTUNITY", 9000.0, "2025-03-25T00:00:00Z", RENEWAL);

        store.deadLetters().add("salesforce", "Contact", "003XX0000009", "{\"Email\":\"x@example.com\"}",
                "stage value 'Working' is not in mappings.salesforce Contact");
        store.deadLetters().add("netsuite", "customer", null, "{\"id\":\"812\"}",
                "ambiguous match: 2 accounts with domain example.com");
        store.deadLetters().discard(store.deadLetters().add("salesforce", "Contact", "003XX0000010", "{}",
                "duplicate").id());
        store.watermarks().advance(new Watermark("salesforce", "Contact", Instant.parse("2025-03-20T09:00:00Z"),
                "003XX0000001"));
        store.watermarks().advance(new Watermark("netsuite", "customer", Instant.parse("2025-03-21T00:00:00Z"),
                "4711"));
    }

    static final String RENEWAL = "Existing Customer - Renewal";

    private static void deal(StateStore store, String id, String stage, double amount, String closeDate, String type) {
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("amount", amount);
        fields.put("dealType", type);
        if (closeDate != null) {
            fields.put("closeDate", Instant.parse(closeDate));
        }
        store.records().save(io.stagesync.model.CanonicalRecord.newRecord(id, "deal", stage, fields));
    }

    /** Accepted moves: (day, stage) pairs, the first one a first sighting; each at 09:00 UTC. */
    private static void journey(StateStore store, String record, String entity, String... daysAndStages) {
        String from = null;
        for (int i = 0; i < daysAndStages.length; i += 2) {
            String to = daysAndStages[i + 1];
            store.stageHistory().append(new StageHistoryEntry(0, record, entity, from, to, Outcome.ACCEPTED, null,
                    "salesforce", from == null ? List.of(to) : List.of(from, to), List.of(),
                    List.of("seeded for the dashboard test"), at(daysAndStages[i])));
            from = to;
        }
    }

    private static void refused(StateStore store, String record, String entity, String from, String to, String rule,
                                String system, String day) {
        store.stageHistory().append(new StageHistoryEntry(0, record, entity, from, to, Outcome.REFUSED_VIOLATED,
                "hold", system, List.of(from, to), List.of(rule), List.of(rule + " failed (seeded)"), at(day)));
    }

    private static Instant at(String day) {
        return Instant.parse(day + "T09:00:00Z");
    }
}
