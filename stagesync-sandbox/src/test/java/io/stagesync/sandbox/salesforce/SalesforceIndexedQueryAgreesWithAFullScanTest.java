package io.stagesync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.sandbox.query.SimQuery;
import io.stagesync.sandbox.query.SimQueryParser;
import io.stagesync.testing.MovingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The org answers SOQL from its indexes (records by Id, by SystemModstamp) and finds upserts by external id
 * exactly as reading every record does: with records changed many times, changed by the system, batches rolled
 * back by allOrNone, and external ids moved from one record to another.
 */
class SalesforceIndexedQueryAgreesWithAFullScanTest {
    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final SalesforceOrg org = new SalesforceOrg(clock);
    private final SalesforceSchema.SObjectType lead = SalesforceSchema.type("Lead").orElseThrow();

    private SalesforceOrg.Outcome write(SalesforceOrg.Kind kind, String keyField, String key, Map<String, Object> fields) {
        return org.apply(List.of(new SalesforceOrg.Write(kind, lead, keyField, key, fields)), false,
                SalesforceOrg.INTEGRATION_USER).get(0);
    }

    private static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    @Test
    void changeReadsLookupsAndOtherQueriesGiveWhatAFullScanGives() {
        Random random = new Random(7);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            clock.advance(Duration.ofMillis(random.nextInt(3) * 500L));
            int what = ids.isEmpty() ? 0 : random.nextInt(5);
            switch (what) {
                case 0 -> ids.add(write(SalesforceOrg.Kind.CREATE, null, null,
                        fields("LastName", "L" + i, "Company", "C" + (i % 7), "Pardot_Id__c", "P" + i)).id());
                case 1 -> write(SalesforceOrg.Kind.UPDATE, null, ids.get(random.nextInt(ids.size())),
                        fields("Company", "Changed " + i));
                case 2 -> write(SalesforceOrg.Kind.UPSERT, "Pardot_Id__c", "p" + random.nextInt(i),
                        fields("LastName", "U" + i, "Company", "Upserted"));
                case 3 -> org.systemUpdate(lead, ids.get(random.nextInt(ids.size())), fields("Status", "Working"),
                        SalesforceOrg.SANDBOX_USER);
                default -> org.apply(List.of(
                        new SalesforceOrg.Write(SalesforceOrg.Kind.UPDATE, lead, null, ids.get(0), fields("Company", "X")),
                        new SalesforceOrg.Write(SalesforceOrg.Kind.CREATE, lead, null, null, fields("Company", "No name"))),
                        true, SalesforceOrg.INTEGRATION_USER);
            }
        }
        List<String> queries = new ArrayList<>();
        for (Map<String, Object> record : org.list(lead)) {
            String at = record.get("SystemModstamp").toString();
            queries.add("SELECT Id, Company FROM Lead WHERE SystemModstamp > " + at + " OR (SystemModstamp = " + at
                    + " AND Id > '" + record.get("Id") + "') ORDER BY SystemModstamp, Id");
            queries.add("SELECT Id, Company FROM Lead WHERE Company = 'Upserted' AND SystemModstamp >= " + at
                    + " ORDER BY Company");
            queries.add("SELECT Id, Company FROM Lead WHERE Id = '" + record.get("Id") + "'");
        }
        String first = ids.get(0);
        queries.add("SELECT Id FROM Lead WHERE Id IN ('" + ids.get(3) + "', '" + first + "', '" + first + "') ORDER BY Company");
        queries.add("SELECT Id FROM Lead WHERE Id IN ('" + ids.get(3) + "', '" + first + "')");
        queries.add("SELECT Id FROM Lead WHERE Id = '" + first.substring(0, 15) + "'");
        queries.add("SELECT Id FROM Lead WHERE Id = '" + first.toLowerCase() + "'");
        queries.add("SELECT Id FROM Lead WHERE SystemModstamp > 2026-11-20T10:00:10.000Z");
        for (String text : queries) {
            SimQuery query = SimQueryParser.parse(SimQueryParser.Dialect.SOQL, text);
            assertThat(org.query(query, lead)).as(text).isEqualTo(SoqlEngine.run(query, lead, org.list(lead)));
        }
        assertThat(org.query(SimQueryParser.parse(SimQueryParser.Dialect.SOQL, queries.get(0)), lead)).isNotEmpty();
    }

    @Test
    void anUpsertFindsTheRecordThatHasTheExternalIdNowIgnoringCase() {
        String first = write(SalesforceOrg.Kind.UPSERT, "Pardot_Id__c", "A", fields("LastName", "F", "Company", "C")).id();
        write(SalesforceOrg.Kind.UPDATE, null, first, fields("Pardot_Id__c", "B"));

        SalesforceOrg.Outcome again = write(SalesforceOrg.Kind.UPSERT, "Pardot_Id__c", "a",
                fields("LastName", "S", "Company", "C"));
        SalesforceOrg.Outcome moved = write(SalesforceOrg.Kind.UPSERT, "pardot_id__c", "b", fields("Company", "D"));

        assertThat(again.created()).isTrue();
        assertThat(moved.id()).isEqualTo(first);
        assertThat(moved.created()).isFalse();
        assertThat(org.get(lead, first).orElseThrow().get("Company")).isEqualTo("D");
    }

    @Test
    void aDuplicateExternalIdIsStillReportedAsSalesforceDoes() {
        write(SalesforceOrg.Kind.CREATE, null, null, fields("LastName", "F", "Company", "C", "Pardot_Id__c", "dup"));
        write(SalesforceOrg.Kind.CREATE, null, null, fields("LastName", "G", "Company", "C", "Pardot_Id__c", "DUP"));

        SalesforceOrg.Outcome upsert = write(SalesforceOrg.Kind.UPSERT, "Pardot_Id__c", "Dup", fields("Company", "D"));

        assertThat(upsert.errors()).extracting(SalesforceError::code).containsExactly("DUPLICATE_EXTERNAL_ID");
    }
}
