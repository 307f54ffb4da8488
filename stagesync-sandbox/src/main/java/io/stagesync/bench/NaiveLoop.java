package io.stagesync.bench;

import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import io.stagesync.sync.Connectors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an integration written by hand does: one record at a time, one read call at the source and one write call
 * at the target, in a loop on one thread, through the same connectors (so the same HTTP, auth and resilience) but
 * none of the engine (no pages, no batches, no store). Moves the records of a {@link Workload} created for it.
 */
final class NaiveLoop {
    /** How long a leg took and how many of its records failed. */
    record Outcome(int records, double seconds, int failed) {
    }

    private final Connectors connectors;

    NaiveLoop(Connectors connectors) {
        this.connectors = connectors;
    }

    /** Each account: read it from Salesforce, upsert it as a NetSuite customer by external id = the account id. */
    Outcome accountsToCustomers(List<String> accountIds) {
        Connectors.Connector salesforce = connectors.get("salesforce").orElseThrow();
        RecordWriter netsuite = connectors.get("netsuite").orElseThrow().writer();
        long start = System.nanoTime();
        int failed = 0;
        for (String id : accountIds) {
            SystemRecord account = salesforce.reader().readRecord("Account", id).orElseThrow();
            Map<String, Object> customer = new LinkedHashMap<>();
            customer.put("companyName", account.fields().get("Name"));
            customer.put("url", account.fields().get("Website"));
            customer.put("phone", account.fields().get("Phone"));
            failed += failures(netsuite.upsert("customer", "externalId", List.of(new UpsertRequest(id, customer))));
        }
        return new Outcome(accountIds.size(), (System.nanoTime() - start) / 1e9, failed);
    }

    /** Each prospect: read it from Pardot, upsert it as a Salesforce Lead by Pardot_Id__c = the prospect id. */
    Outcome prospectsToLeads(List<Long> prospectIds) {
        Connectors.Connector pardot = connectors.get("pardot").orElseThrow();
        RecordWriter salesforce = connectors.get("salesforce").orElseThrow().writer();
        long start = System.nanoTime();
        int failed = 0;
        for (long id : prospectIds) {
            SystemRecord prospect = pardot.reader().readRecord("prospect", String.valueOf(id)).orElseThrow();
            Map<String, Object> lead = new LinkedHashMap<>();
            lead.put("FirstName", prospect.fields().get("firstName"));
            lead.put("LastName", prospect.fields().get("lastName"));
            lead.put("Email", prospect.fields().get("email"));
            lead.put("Company", prospect.fields().get("company"));
            lead.put("Lead_Score__c", prospect.fields().get("score"));
            failed += failures(salesforce.upsert("Lead", "Pardot_Id__c",
                    List.of(new UpsertRequest(String.valueOf(id), lead))));
        }
        return new Outcome(prospectIds.size(), (System.nanoTime() - start) / 1e9, failed);
    }

    private static int failures(List<WriteResult> results) {
        return (int) results.stream().filter(r -> !r.success()).count();
    }
}
