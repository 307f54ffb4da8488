package io.stagesync.crash;

import io.stagesync.crash.CrashWorkload.Account;
import io.stagesync.crash.CrashWorkload.Prospect;
import io.stagesync.sandbox.salesforce.SalesforceSimulator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the service's own state says after the run, read from its database once it has stopped: the id
 * cross-reference is 1:1 (each account pair is one canonical record linked to exactly its Salesforce Account and
 * its NetSuite customer; each MQL prospect one canonical person linked to its prospect and its Lead), and no dead
 * letter is open. For each account the set check found stale it adds the canonical record as stored (values, the
 * time each field's value is from, what was last written to each system) to the findings, for the post-mortem.
 */
final class StoredStateCheck {
    /** What was found; {@code findings} one line each. */
    record Result(int xrefMismatches, int openDeadLetters, List<String> findings) {
    }

    private StoredStateCheck() {
    }

    /**
     * @param schema the PostgreSQL schema the tables are in, or null for the connection's default (H2)
     * @param stale  the accounts the set check found stale
     */
    static Result run(Connection db, String schema, List<Account> accounts, List<Prospect> prospects,
                      List<Account> stale, SalesforceSimulator salesforce) throws SQLException {
        String prefix = schema == null ? "" : schema + ".";
        Map<String, Map<String, String>> links = new HashMap<>();
        Map<String, String> canonicalOf = new HashMap<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT canonical_id, system_name, object_type, external_id FROM "
                     + prefix + "xref")) {
            while (rows.next()) {
                String key = rows.getString(2) + " " + rows.getString(3);
                links.computeIfAbsent(rows.getString(1), k -> new HashMap<>()).put(key, rows.getString(4));
                canonicalOf.put(key + " " + rows.getString(4), rows.getString(1));
            }
        }
        List<String> findings = new ArrayList<>();
        int mismatches = 0;
        for (Account account : accounts) {
            mismatches += expectLinks(findings, account.toString(), links, canonicalOf,
                    Map.of("salesforce Account", String.valueOf(account.salesforceId),
                            "netsuite customer", String.valueOf(account.netsuiteId)));
        }
        Map<String, String> leadIds = new HashMap<>();
        salesforce.list("Lead").forEach(l -> leadIds.put(String.valueOf(l.get("Email")).toLowerCase(Locale.ROOT),
                l.get("Id").toString()));
        for (Prospect prospect : prospects) {
            Map<String, String> expected = new HashMap<>();
            expected.put("pardot prospect", String.valueOf(prospect.id));
            if (prospect.qualified) {
                expected.put("salesforce Lead", String.valueOf(leadIds.get(prospect.email.toLowerCase(Locale.ROOT))));
            }
            mismatches += expectLinks(findings, prospect.toString(), links, canonicalOf, expected);
        }
        for (Account account : stale) {
            String canonical = canonicalOf.get("netsuite customer " + account.netsuiteId);
            try (PreparedStatement statement = db.prepareStatement("SELECT fields FROM " + prefix
                    + "canonical_record WHERE id = ?")) {
                statement.setString(1, String.valueOf(canonical));
                try (ResultSet rows = statement.executeQuery()) {
                    findings.add("stored state of stale " + account + ": canonical " + canonical + " "
                            + (rows.next() ? rows.getString(1) : "(none)"));
                }
            }
        }
        int open = 0;
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT system_name, object_type, external_id, error FROM "
                     + prefix + "dead_letter WHERE status = 'OPEN' ORDER BY id")) {
            while (rows.next()) {
                open++;
                findings.add("open dead letter: " + rows.getString(1) + " " + rows.getString(2) + " "
                        + rows.getString(3) + ": " + rows.getString(4));
            }
        }
        return new Result(mismatches, open, List.copyOf(findings));
    }

    /** 1 when the record's canonical id is not linked to exactly the expected ids, else 0. */
    private static int expectLinks(List<String> findings, String what, Map<String, Map<String, String>> links,
                                   Map<String, String> canonicalOf, Map<String, String> expected) {
        Map.Entry<String, String> first = expected.entrySet().iterator().next();
        String canonical = canonicalOf.get(first.getKey() + " " + first.getValue());
        Map<String, String> actual = canonical == null ? Map.of() : links.get(canonical);
        if (!actual.equals(expected)) {
            findings.add("xref: " + what + " is canonical " + canonical + " linked to " + actual + ", expected "
                    + expected);
            return 1;
        }
        return 0;
    }
}
