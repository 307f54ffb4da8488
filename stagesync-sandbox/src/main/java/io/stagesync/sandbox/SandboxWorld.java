package io.stagesync.sandbox;

import io.stagesync.sandbox.SampleCompany.Campaign;
import io.stagesync.sandbox.SampleCompany.Company;
import io.stagesync.sandbox.SampleCompany.Deal;
import io.stagesync.sandbox.SampleCompany.Home;
import io.stagesync.sandbox.SampleCompany.Person;
import io.stagesync.sandbox.eloqua.EloquaContact;
import io.stagesync.sandbox.eloqua.EloquaLeadScore;
import io.stagesync.sandbox.eloqua.EloquaSimulator;
import io.stagesync.sandbox.netsuite.NetSuiteSimulator;
import io.stagesync.sandbox.pardot.PardotProspect;
import io.stagesync.sandbox.pardot.PardotSimulator;
import io.stagesync.sandbox.salesforce.SalesforceSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The four simulators of a sandbox run, seeded with the {@link SampleCompany}, and the changes the story makes
 * in them as their users would. Each change method returns false when what it acts on is not there yet (a
 * Lead the MQL handoff has not created, a customer not yet in NetSuite), so the story tries again later.
 *
 * <p>Pardot issues its own tokens here (its standalone mode): the sandbox's Pardot connector logs in to the
 * Pardot simulator, not to the Salesforce one.
 */
public final class SandboxWorld implements AutoCloseable {
    /** The queue that owns the leads seeded at MQL and beyond (an invented Salesforce user id). */
    static final String SALES_REP_ID = "005SB0000000001AAA";
    /** The seed's changes are dated this far back, so what the story does later reads as newer. */
    private static final Duration SEED_AGE = Duration.ofHours(2);
    private static final Map<String, String> LEAD_STATUS = Map.of("LEAD", "Open - Not Contacted",
            "MQL", "Marketing Qualified", "SAL", "Working - Contacted", "SQL", "Sales Qualified",
            "DISQUALIFIED", "Closed - Not Converted");

    /** The shipped mapping's Lifecycle_Stage__c value of a canonical stage (Contacts, prospects, Eloqua). */
    private static final Map<String, String> LIFECYCLE = Map.of("LEAD", "Lead", "OPPORTUNITY", "Opportunity",
            "CUSTOMER", "Customer");

    private final SalesforceSimulator salesforce;
    private final NetSuiteSimulator netsuite;
    private final PardotSimulator pardot;
    private final EloquaSimulator eloqua;
    private final Map<String, String> accountIds = new HashMap<>();
    private final Map<String, String> customerIds = new HashMap<>();
    private final Map<String, String> dealIds = new HashMap<>();

    private SandboxWorld(SalesforceSimulator salesforce, NetSuiteSimulator netsuite, PardotSimulator pardot,
                         EloquaSimulator eloqua) {
        this.salesforce = salesforce;
        this.netsuite = netsuite;
        this.pardot = pardot;
        this.eloqua = eloqua;
    }

    /** Starts the four simulators on free loopback ports, empty. */
    public static SandboxWorld start() {
        Clock seedClock = Clock.offset(Clock.systemUTC(), SEED_AGE.negated());
        SalesforceSimulator salesforce = new SalesforceSimulator(seedClock).start();
        NetSuiteSimulator netsuite = null;
        PardotSimulator pardot = null;
        try {
            netsuite = new NetSuiteSimulator().start();
            pardot = PardotSimulator.start(PardotSimulator.Options.defaults().withClock(seedClock));
            EloquaSimulator eloqua = EloquaSimulator.start(EloquaSimulator.Options.defaults().withClock(seedClock)
                    .withBulkPollsUntilSuccess(0));
            return new SandboxWorld(salesforce, netsuite, pardot, eloqua);
        } catch (RuntimeException e) {
            salesforce.close();
            if (netsuite != null) {
                netsuite.close();
            }
            if (pardot != null) {
                pardot.close();
            }
            throw e;
        }
    }

    /** The simulators as the configuration wires them, in connector order. */
    List<SimulatedSystem> systems() {
        return List.of(
                new SimulatedSystem("salesforce", salesforce.properties(), salesforce.env()),
                new SimulatedSystem("netsuite", netsuite.properties(), netsuite.env()),
                new SimulatedSystem("pardot", pardot.applicationProperties(), pardot.environment()),
                new SimulatedSystem("eloqua", eloqua.applicationProperties(), eloqua.environment()));
    }

    /**
     * The application.properties lines that point the named connectors at their simulators (secrets only as
     * {@code ${env:NAME}} references, resolved by {@link #connectorEnv}).
     *
     * @param connectors some of salesforce, netsuite, pardot, eloqua
     */
    public Map<String, String> connectorProperties(java.util.Collection<String> connectors) {
        Map<String, String> properties = new LinkedHashMap<>();
        systems().stream().filter(s -> connectors.contains(s.system()))
                .forEach(s -> properties.putAll(s.connectorProperties()));
        return properties;
    }

    /** The environment the {@code ${env:NAME}} references of {@link #connectorProperties} resolve against. */
    public Map<String, String> connectorEnv(java.util.Collection<String> connectors) {
        Map<String, String> env = new LinkedHashMap<>();
        systems().stream().filter(s -> connectors.contains(s.system())).forEach(s -> env.putAll(s.connectorEnv()));
        return env;
    }

    /**
     * Puts the sample company where it lives before stagesync: campaigns in their tools, marketing people in
     * Pardot or Eloqua, customers and prospects with open deals in Salesforce and NetSuite (linked both ways),
     * their contacts, the leads
     * sales works and every deal in Salesforce.
     */
    public synchronized void seed(SampleCompany company) {
        Map<String, Long> pardotCampaigns = new HashMap<>();
        Map<String, Long> eloquaCampaigns = new HashMap<>();
        for (Campaign campaign : company.campaigns()) {
            if (campaign.tool() == Home.PARDOT) {
                pardotCampaigns.put(campaign.key(), pardot.addCampaign(campaign.name(), campaign.cost().intValue()));
            } else {
                eloquaCampaigns.put(campaign.key(), eloqua.addCampaign(campaign.name(), campaign.cost()));
            }
            salesforce.create("Campaign", Map.of("Name", campaign.name(), "ActualCost", campaign.cost()));
        }
        for (Company c : company.companies()) {
            if (c.stage().equals("LEAD")) {
                continue;
            }
            String accountId = salesforce.create("Account", Map.of("Name", c.name(), "Website", c.website(),
                    "Phone", c.phone(), "Lifecycle_Stage__c", c.customer() ? "Customer" : "Opportunity"));
            accountIds.put(c.key(), accountId);
            // customers, and prospects with an open deal, are in the ERP too (status 13 CUSTOMER-Closed Won,
            // 9 PROSPECT-Identified Decision Makers), linked both ways
            String customerId = netsuite.create("customer", Map.of("companyName", c.name(), "url", c.website(),
                    "phone", c.phone(), "entityStatus", Map.of("id", c.customer() ? "13" : "9"),
                    "externalId", accountId));
            customerIds.put(c.key(), customerId);
            salesforce.update("Account", accountId, Map.of("NetSuite_Id__c", customerId));
        }
        for (Person p : company.people()) {
            switch (p.home()) {
                case PARDOT -> pardot.createProspect(prospect(p, pardotCampaigns));
                case ELOQUA -> seedEloquaContact(p, eloquaCampaigns, "Lead");
                case SALESFORCE_LEAD -> salesforce.create("Lead", lead(p));
                case SALESFORCE_CONTACT -> seedContact(p, pardotCampaigns, eloquaCampaigns);
            }
        }
        for (Deal d : company.deals()) {
            dealIds.put(d.key(), salesforce.create("Opportunity", Map.of("Name", d.name(), "Amount", d.amount(),
                    "CloseDate", d.closeDate().toString(), "StageName", d.stageName(), "Type", d.type(),
                    "AccountId", accountIds.get(d.company().key()))));
        }
    }

    private void seedContact(Person p, Map<String, Long> pardotCampaigns, Map<String, Long> eloquaCampaigns) {
        String stage = LIFECYCLE.get(p.stage());
        salesforce.create("Contact", Map.of("FirstName", p.firstName(), "LastName", p.lastName(), "Email", p.email(),
                "Phone", p.phone(), "AccountId", accountIds.get(p.company().key()), "OwnerId", SALES_REP_ID,
                "Lifecycle_Stage__c", stage, "HasOptedOutOfEmail", false));
        if (p.campaign() == null) {
            return;
        }
        if (p.campaign().tool() == Home.PARDOT) {
            Map<String, Object> fields = prospect(p, pardotCampaigns);
            fields.put("Lifecycle_Stage__c", stage);
            pardot.createProspect(fields);
        } else {
            seedEloquaContact(p, eloquaCampaigns, stage);
        }
    }

    private static Map<String, Object> prospect(Person p, Map<String, Long> campaigns) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", p.email());
        fields.put("firstName", p.firstName());
        fields.put("lastName", p.lastName());
        fields.put("company", p.company().name());
        fields.put("phone", p.phone());
        fields.put("score", p.score());
        fields.put("grade", p.grade());
        fields.put("optedOut", false);
        fields.put("Lifecycle_Stage__c", "Lead");
        if (p.campaign() != null) {
            fields.put("campaignId", campaigns.get(p.campaign().key()));
        }
        return fields;
    }

    private void seedEloquaContact(Person p, Map<String, Long> campaigns, String stage) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("emailAddress", p.email());
        fields.put("firstName", p.firstName());
        fields.put("lastName", p.lastName());
        fields.put("accountName", p.company().name());
        fields.put("businessPhone", p.phone());
        fields.put("C_Lead_Stage1", stage);
        if (p.campaign() != null) {
            fields.put("C_First_Touch_Campaign1", String.valueOf(campaigns.get(p.campaign().key())));
        }
        long id = eloqua.createContact(fields);
        eloqua.setLeadScore(id, eloquaScore(p.score()));
    }

    private static EloquaLeadScore eloquaScore(int score) {
        String letter = score >= 75 ? "A" : score >= 50 ? "B" : score >= 25 ? "C" : "D";
        return new EloquaLeadScore(letter + "2", score, score);
    }

    private static Map<String, Object> lead(Person p) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("FirstName", p.firstName());
        fields.put("LastName", p.lastName());
        fields.put("Email", p.email());
        fields.put("Company", p.company().name());
        fields.put("Phone", p.phone());
        fields.put("Lead_Score__c", p.score());
        fields.put("Status", LEAD_STATUS.get(p.stage()));
        fields.put("HasOptedOutOfEmail", false);
        fields.put("LeadSource", "Web");
        if (!p.stage().equals("LEAD")) {
            fields.put("OwnerId", SALES_REP_ID);
        }
        if (p.stage().equals("SQL")) {
            fields.put("Budget_Confirmed__c", true);
            fields.put("Need_Confirmed__c", true);
            fields.put("Timeline_Confirmed__c", true);
        }
        if (p.lossReason() != null) {
            fields.put("Loss_Reason__c", p.lossReason());
        }
        return fields;
    }

    /** Where the story raises this person's score: their own tool, or Pardot for people sales recycled. */
    String marketingToolOf(Person person) {
        return person.home() == Home.ELOQUA ? "Eloqua" : "Pardot";
    }

    /** The person engages: their score in their marketing tool rises to {@code score}. */
    synchronized boolean marketingScoreRises(Person person, int score) {
        if (person.home() == Home.ELOQUA) {
            Optional<EloquaContact> contact = eloqua.contactByEmail(person.email());
            contact.ifPresent(c -> eloqua.setLeadScore(c.id(), eloquaScore(score)));
            return contact.isPresent();
        }
        List<PardotProspect> prospects = pardot.prospectsByEmail(person.email());
        prospects.forEach(p -> pardot.updateProspect(p.id(), Map.of("score", score)));
        return !prospects.isEmpty();
    }

    /** A rep edits the person's Lead in Salesforce. */
    synchronized boolean salesforceLeadEdited(Person person, Map<String, Object> fields) {
        List<Map<String, Object>> leads = salesforce.find("Lead", "Email", person.email());
        if (leads.isEmpty()) {
            return false;
        }
        salesforce.update("Lead", leads.get(0).get("Id").toString(), fields);
        return true;
    }

    /** A rep closes the deal in Salesforce. */
    synchronized boolean salesforceDealClosed(Deal deal, String stageName, String lossReason, LocalDate closeDate) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("StageName", stageName);
        fields.put("CloseDate", closeDate.toString());
        if (lossReason != null) {
            fields.put("Loss_Reason__c", lossReason);
        }
        salesforce.update("Opportunity", dealIds.get(deal.key()), fields);
        return true;
    }

    /** Finance marks the customer lost in NetSuite (status CUSTOMER-Lost Customer). */
    synchronized boolean netsuiteMarksLostCustomer(Company company) {
        String id = customerIds.get(company.key());
        if (id == null) {
            return false;
        }
        netsuite.update("customer", id, Map.of("entityStatus", Map.of("id", "16")));
        return true;
    }

    public SalesforceSimulator salesforce() {
        return salesforce;
    }

    public NetSuiteSimulator netsuite() {
        return netsuite;
    }

    public PardotSimulator pardot() {
        return pardot;
    }

    public EloquaSimulator eloqua() {
        return eloqua;
    }

    @Override
    public void close() {
        salesforce.close();
        netsuite.close();
        pardot.close();
        eloqua.close();
    }
}
