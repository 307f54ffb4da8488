package io.stagesync.bench;

import io.stagesync.sandbox.SandboxWorld;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The records a benchmark moves, made at their sources as users would (straight into the simulators, no HTTP):
 * Salesforce Accounts, which the engine creates as NetSuite customers, and Pardot prospects scored to qualify for
 * MQL, which it creates as Salesforce Leads. Names are numbered and unique (identity resolution matches accounts by
 * website and name, people by email). Used from one thread.
 */
final class Workload {
    /** A prospect's score at creation: above the shipped model's MQL threshold (50). */
    static final int QUALIFYING_SCORE = 80;

    private final SandboxWorld world;
    private final String prefix;
    private final List<String> accountIds = new ArrayList<>();
    private final List<Long> prospectIds = new ArrayList<>();

    /** @param prefix what this batch's names start with, e.g. {@code bench} or {@code naive} */
    Workload(SandboxWorld world, String prefix) {
        this.world = world;
        this.prefix = prefix;
    }

    /** Creates {@code n} accounts and {@code n} prospects, alternating, so both legs start together. */
    void create(int n) {
        for (int i = 1; i <= n; i++) {
            String no = String.format(Locale.ROOT, "%07d", i);
            accountIds.add(world.salesforce().create("Account", Map.of("Name", prefix + " Account " + no,
                    "Website", "https://a" + no + "." + prefix + ".example", "Phone", "+1 555 01" + no)));
            Map<String, Object> prospect = new LinkedHashMap<>();
            prospect.put("email", "p" + no + "@" + prefix + ".example");
            prospect.put("firstName", "Pat");
            prospect.put("lastName", prefix + " " + no);
            prospect.put("company", prefix + " Company " + no);
            prospect.put("score", QUALIFYING_SCORE);
            prospect.put("optedOut", false);
            prospect.put("Lifecycle_Stage__c", "Lead");
            prospectIds.add(world.pardot().createProspect(prospect));
        }
    }

    List<String> accountIds() {
        return accountIds;
    }

    List<Long> prospectIds() {
        return prospectIds;
    }

    /** NetSuite customers there are (the world holds no other). */
    int customersArrived() {
        return world.netsuite().list("customer").size();
    }

    /** Salesforce Leads there are (the world holds no other). */
    int leadsArrived() {
        return world.salesforce().list("Lead").size();
    }

    /**
     * This batch's prospects whose new stage (MQL) stagesync has written back to Pardot: the last write of the
     * prospects leg, and the one its limit is set by.
     */
    int stagesWrittenBack() {
        int written = 0;
        for (long id : prospectIds) {
            if (world.pardot().prospect(id).map(p -> "MQL".equals(p.get("Lifecycle_Stage__c"))).orElse(false)) {
                written++;
            }
        }
        return written;
    }

    /** The NetSuite customer's internal id the engine linked to this account, if it arrived. */
    Optional<String> customerOf(String accountId) {
        return world.netsuite().getByExternalId("customer", accountId).map(c -> String.valueOf(c.get("id")));
    }

    /** The Salesforce Lead's id the engine created for this prospect, if it arrived. */
    Optional<String> leadOf(long prospectId) {
        return world.salesforce().find("Lead", "Pardot_Id__c", String.valueOf(prospectId)).stream().findFirst()
                .map(l -> String.valueOf(l.get("Id")));
    }

    /** A sales rep changes the account's phone (owned by nobody: flows to NetSuite). */
    void changeAccountPhone(String accountId, String phone) {
        world.salesforce().update("Account", accountId, Map.of("Phone", phone));
    }

    /** The prospect engages: its score changes (newest wins: flows to the Lead). */
    void changeProspectScore(long prospectId, int score) {
        world.pardot().updateProspect(prospectId, Map.of("score", score));
    }

    boolean customerHasPhone(String customerId, String phone) {
        return world.netsuite().get("customer", customerId).map(c -> phone.equals(c.get("phone"))).orElse(false);
    }

    boolean leadHasScore(String leadId, int score) {
        return world.salesforce().get("Lead", leadId).map(l -> l.get("Lead_Score__c") instanceof Number v
                && v.doubleValue() == score).orElse(false);
    }
}
