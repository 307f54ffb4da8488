package io.stagesync.admin;

import io.stagesync.model.CanonicalRecord;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StageHistoryEntry.Outcome;
import io.stagesync.store.StateStore;
import io.stagesync.store.Watermark;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The state the admin tests read, in March 2025:
 * <pre>
 * rec-1 person  first seen LEAD 03-02 (salesforce) | LEAD→MQL accepted 03-05 | MQL→SAL refused 03-07
 *               (sal-owner, hold); stored at MQL; linked to salesforce Contact 003XX0000001 and netsuite contact 4711
 * rec-2 person  first seen LEAD 03-03 (netsuite) | LEAD→WON not allowed 03-08 (hold)
 * dead letters  #a salesforce Contact OPEN, #b netsuite customer OPEN, #c salesforce Contact DISCARDED
 * watermarks    salesforce Contact 2025-03-07T09:00Z/003XX0000001, netsuite customer 2025-03-08T00:00Z/4711
 * </pre>
 */
final class AdminSeed {
    final DeadLetter first;
    final DeadLetter second;
    final DeadLetter discarded;

    private AdminSeed(DeadLetter first, DeadLetter second, DeadLetter discarded) {
        this.first = first;
        this.second = second;
        this.discarded = discarded;
    }

    static AdminSeed into(StateStore store) {
        store.stageHistory().append(entry("rec-1", null, "LEAD", Outcome.ACCEPTED, null, "salesforce", List.of("LEAD"),
                List.of(), "2025-03-02T09:00:00Z"));
        store.stageHistory().append(entry("rec-2", null, "LEAD", Outcome.ACCEPTED, null, "netsuite", List.of("LEAD"),
                List.of(), "2025-03-03T09:00:00Z"));
        store.stageHistory().append(entry("rec-1", "LEAD", "MQL", Outcome.ACCEPTED, null, "salesforce",
                List.of("LEAD", "MQL"), List.of("mql-score", "mql-reachable"), "2025-03-05T09:00:00Z"));
        store.stageHistory().append(entry("rec-1", "MQL", "SAL", Outcome.REFUSED_VIOLATED, "hold", "salesforce",
                List.of("MQL", "SAL"), List.of("sal-owner"), "2025-03-07T09:00:00Z"));
        store.stageHistory().append(entry("rec-2", "LEAD", "WON", Outcome.REFUSED_NOT_ALLOWED, "hold", "netsuite",
                List.of(), List.of(), "2025-03-08T09:00:00Z"));
        store.records().save(CanonicalRecord.newRecord("rec-1", "person", "MQL", Map.of("email", "ada@example.com")));
        store.xrefs().link("rec-1", "salesforce", "Contact", "003XX0000001");
        store.xrefs().link("rec-1", "netsuite", "contact", "4711");
        DeadLetter first = store.deadLetters().add("salesforce", "Contact", "003XX0000009", "{\"Email\":\"x@example.com\"}",
                "stage value 'Working' is not in mappings.salesforce Contact");
        DeadLetter second = store.deadLetters().add("netsuite", "customer", null, "{\"id\":\"812\"}",
                "ambiguous match: 2 accounts with domain example.com");
        DeadLetter third = store.deadLetters().add("salesforce", "Contact", "003XX0000010", "{}", "duplicate");
        DeadLetter discarded = store.deadLetters().discard(third.id());
        store.watermarks().advance(new Watermark("salesforce", "Contact", Instant.parse("2025-03-07T09:00:00Z"),
                "003XX0000001"));
        store.watermarks().advance(new Watermark("netsuite", "customer", Instant.parse("2025-03-08T00:00:00Z"), "4711"));
        return new AdminSeed(first, second, discarded);
    }

    static StageHistoryEntry entry(String record, String from, String to, Outcome outcome, String policy, String system,
                                   List<String> path, List<String> rules, String at) {
        return new StageHistoryEntry(0, record, "person", from, to, outcome, policy, system, path, rules,
                List.of("seeded for the admin tests"), Instant.parse(at));
    }
}
