package io.stagesync.crash;

import io.stagesync.crash.CrashWorkload.Account;
import io.stagesync.crash.CrashWorkload.Origin;
import io.stagesync.crash.CrashWorkload.Prospect;
import io.stagesync.sandbox.netsuite.NetSuiteSimulator;
import io.stagesync.sandbox.pardot.PardotProspect;
import io.stagesync.sandbox.pardot.PardotSimulator;
import io.stagesync.sandbox.salesforce.SalesforceSimulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The set check over every target once the sync is quiet (a Jepsen-style set test): every source record reached
 * every target it should (else <em>lost</em>), none was created twice or where no source record asks for it (else
 * <em>duplicated</em>), and every target holds the newest source values (else <em>stale</em>).
 *
 * <p>Accounts: a Salesforce Account must be exactly one NetSuite customer ({@code externalId} = its id) and a
 * NetSuite customer exactly one Account ({@code NetSuite_Id__c} = its id), linked both ways, with the name,
 * phone and website the workload expects on both sides. Prospects that reached the MQL score must be exactly one
 * Salesforce Lead (its e-mail, {@code Pardot_Id__c} = the prospect id) and show the stage MQL in Pardot; the
 * others no Lead and the stage Lead.
 */
final class SetCheck {
    /** What the check found; {@code findings} says what and where, one line each. */
    record Result(int records, int lost, int duplicated, int stale, List<String> findings,
                  List<Account> staleAccounts) {
        boolean clean() {
            return lost == 0 && duplicated == 0 && stale == 0;
        }
    }

    private final SalesforceSimulator salesforce;
    private final NetSuiteSimulator netsuite;
    private final PardotSimulator pardot;
    private final List<String> findings = new ArrayList<>();
    private final List<Account> staleAccounts = new ArrayList<>();
    private int lost;
    private int duplicated;
    private int stale;

    private SetCheck(VendorFakes fakes) {
        this.salesforce = fakes.salesforce();
        this.netsuite = fakes.netsuite();
        this.pardot = fakes.pardot();
    }

    /** Checks every record; fills in the ids of the copies it found in the accounts. */
    static Result run(VendorFakes fakes, List<Account> accounts, List<Prospect> prospects) {
        SetCheck check = new SetCheck(fakes);
        check.accounts(accounts);
        check.prospects(prospects);
        return new Result(accounts.size() + prospects.size(), check.lost, check.duplicated, check.stale,
                List.copyOf(check.findings), List.copyOf(check.staleAccounts));
    }

    private void accounts(List<Account> accounts) {
        List<Map<String, Object>> sfAll = salesforce.list("Account");
        List<Map<String, Object>> nsAll = netsuite.list("customer");
        Map<String, List<Map<String, Object>>> sfByNetSuiteId = group(sfAll, "NetSuite_Id__c");
        Map<String, List<Map<String, Object>>> nsByExternalId = group(nsAll, "externalId");
        Map<String, Map<String, Object>> sfById = index(sfAll, "Id");
        Map<String, Map<String, Object>> nsById = index(nsAll, "id");
        Set<String> sfAccountedFor = new HashSet<>();
        Set<String> nsAccountedFor = new HashSet<>();
        for (Account account : accounts) {
            Map<String, Object> sf;
            Map<String, Object> ns;
            if (account.origin == Origin.SALESFORCE) {
                sf = sfById.get(account.salesforceId);
                List<Map<String, Object>> copies = nsByExternalId.getOrDefault(account.salesforceId, List.of());
                ns = counterpart(account, "NetSuite customer", copies);
            } else {
                ns = nsById.get(account.netsuiteId);
                List<Map<String, Object>> copies = sfByNetSuiteId.getOrDefault(account.netsuiteId, List.of());
                sf = counterpart(account, "Salesforce Account", copies);
            }
            if (sf != null) {
                sfAccountedFor.add(sf.get("Id").toString());
                account.salesforceId = sf.get("Id").toString();
            }
            if (ns != null) {
                nsAccountedFor.add(ns.get("id").toString());
                account.netsuiteId = ns.get("id").toString();
            }
            if (sf != null && ns != null) {
                values(account, sf, ns);
            }
        }
        // copies counted as duplicated above are not counted again
        sfAll.stream().filter(r -> !sfAccountedFor.contains(r.get("Id").toString())
                        && !isDuplicate(sfByNetSuiteId, r.get("NetSuite_Id__c")))
                .forEach(r -> unexpected("Salesforce Account " + r.get("Id") + " '" + r.get("Name") + "'"));
        nsAll.stream().filter(r -> !nsAccountedFor.contains(r.get("id").toString())
                        && !isDuplicate(nsByExternalId, r.get("externalId")))
                .forEach(r -> unexpected("NetSuite customer " + r.get("id") + " '" + r.get("companyName") + "'"));
    }

    private static boolean isDuplicate(Map<String, List<Map<String, Object>>> copiesByLink, Object link) {
        return link != null && copiesByLink.get(link.toString()).size() > 1;
    }

    /** The one copy of a source record in the target, or null (counted as lost or duplicated). */
    private Map<String, Object> counterpart(Account account, String target, List<Map<String, Object>> copies) {
        if (copies.isEmpty()) {
            lost++;
            findings.add("lost: " + account + " has no " + target);
            return null;
        }
        if (copies.size() > 1) {
            duplicated += copies.size() - 1;
            findings.add("duplicated: " + account + " is " + copies.size() + " " + target + "s: "
                    + copies.stream().map(r -> r.containsKey("Id") ? r.get("Id") : r.get("id")).toList());
            return null;
        }
        return copies.get(0);
    }

    private void values(Account account, Map<String, Object> sf, Map<String, Object> ns) {
        List<String> wrong = new ArrayList<>();
        compare(wrong, "Salesforce Name", account.name, sf.get("Name"));
        compare(wrong, "NetSuite companyName", account.name, ns.get("companyName"));
        compare(wrong, "Salesforce Phone", account.phone, sf.get("Phone"));
        compare(wrong, "NetSuite phone", account.phone, ns.get("phone"));
        compare(wrong, "Salesforce Website", account.website, sf.get("Website"));
        compare(wrong, "NetSuite url", account.website, ns.get("url"));
        compare(wrong, "Salesforce NetSuite_Id__c", ns.get("id"), sf.get("NetSuite_Id__c"));
        compare(wrong, "NetSuite externalId", sf.get("Id"), ns.get("externalId"));
        if (!wrong.isEmpty()) {
            stale++;
            findings.add("stale: " + account + " (last phone edit in " + account.lastEditSide + "): "
                    + String.join("; ", wrong) + "\n      Salesforce last modified " + sf.get("SystemModstamp") + " by "
                    + sf.get("LastModifiedById") + ", NetSuite " + ns.get("lastModifiedDate")
                    + "; the users' changes:\n        "
                    + String.join("\n        ", account.history));
            staleAccounts.add(account);
        }
    }

    private void prospects(List<Prospect> prospects) {
        List<Map<String, Object>> leads = salesforce.list("Lead");
        Map<String, List<Map<String, Object>>> leadsByEmail = new HashMap<>();
        leads.forEach(l -> leadsByEmail.computeIfAbsent(lower(l.get("Email")), k -> new ArrayList<>()).add(l));
        Set<String> emails = new HashSet<>();
        for (Prospect prospect : prospects) {
            emails.add(lower(prospect.email));
            List<Map<String, Object>> copies = leadsByEmail.getOrDefault(lower(prospect.email), List.of());
            PardotProspect now = pardot.prospect(prospect.id).orElseThrow();
            if (!prospect.qualified) {
                if (!copies.isEmpty()) {
                    duplicated += copies.size();
                    findings.add("duplicated: " + prospect + " never reached the MQL score but is Lead "
                            + copies.stream().map(l -> l.get("Id")).toList());
                }
                continue;
            }
            if (copies.isEmpty()) {
                lost++;
                findings.add("lost: " + prospect + " reached the MQL score (score " + now.score()
                        + ") but is no Salesforce Lead; its Pardot stage is " + now.get("Lifecycle_Stage__c"));
                continue;
            }
            if (copies.size() > 1) {
                duplicated += copies.size() - 1;
                findings.add("duplicated: " + prospect + " is " + copies.size() + " Salesforce Leads: "
                        + copies.stream().map(l -> l.get("Id")).toList());
                continue;
            }
            Map<String, Object> lead = copies.get(0);
            List<String> wrong = new ArrayList<>();
            compare(wrong, "Lead Pardot_Id__c", String.valueOf(prospect.id), lead.get("Pardot_Id__c"));
            compare(wrong, "Lead LastName", prospect.lastName, lead.get("LastName"));
            compare(wrong, "Lead Company", prospect.company, lead.get("Company"));
            compare(wrong, "Lead Status", "Marketing Qualified", lead.get("Status"));
            compare(wrong, "Pardot Lifecycle_Stage__c", "MQL", now.get("Lifecycle_Stage__c"));
            if (!wrong.isEmpty()) {
                stale++;
                findings.add("stale: " + prospect + ": " + String.join("; ", wrong));
            }
        }
        leads.stream().filter(l -> !emails.contains(lower(l.get("Email"))))
                .forEach(l -> unexpected("Salesforce Lead " + l.get("Id") + " <" + l.get("Email") + ">"));
    }

    private void unexpected(String what) {
        duplicated++;
        findings.add("duplicated: " + what + " belongs to no source record");
    }

    private static void compare(List<String> wrong, String field, Object expected, Object actual) {
        String want = expected == null ? null : expected.toString();
        String got = actual == null ? null : actual.toString();
        if (!Objects.equals(want, got)) {
            wrong.add(field + " is " + quote(got) + ", expected " + quote(want));
        }
    }

    private static String quote(String value) {
        return value == null ? "(empty)" : "'" + value + "'";
    }

    private static String lower(Object value) {
        return value == null ? "" : value.toString().toLowerCase(Locale.ROOT);
    }

    private static Map<String, List<Map<String, Object>>> group(List<Map<String, Object>> records, String field) {
        Map<String, List<Map<String, Object>>> groups = new HashMap<>();
        records.stream().filter(r -> r.get(field) != null)
                .forEach(r -> groups.computeIfAbsent(r.get(field).toString(), k -> new ArrayList<>()).add(r));
        return groups;
    }

    private static Map<String, Map<String, Object>> index(List<Map<String, Object>> records, String field) {
        Map<String, Map<String, Object>> index = new HashMap<>();
        records.forEach(r -> index.put(r.get(field).toString(), r));
        return index;
    }
}
