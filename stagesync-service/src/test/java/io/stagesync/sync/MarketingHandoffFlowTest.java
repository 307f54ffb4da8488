package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.pardot.PardotConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.HistoryQuery;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Marketing automation (Pardot) with Salesforce and NetSuite on the shipped config, systems played
 * by stateful in-memory stand-ins: the MQL handoff, a held violation, recycling through NURTURE and
 * back, a person edited in both systems at once, and people sharing an email.
 */
class MarketingHandoffFlowTest {
    private static final String PROSPECT = "101";

    @TempDir
    Path dir;

    private StateStore store;
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
    private final InMemorySystem netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
    private final InMemorySystem pardot = new InMemorySystem("pardot", PardotConnector.DIALECT);
    private SyncEngine engine;

    @BeforeEach
    void start() {
        StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        engine = new SyncEngine(config.model(), config.mappings(), store, Connectors.builder()
                .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, netsuite, NetSuiteConnector.DIALECT)
                .add("pardot", pardot, pardot, PardotConnector.DIALECT)
                .build(), new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private void syncAll() {
        for (int i = 0; i < 2; i++) {
            engine.poll("pardot");
            engine.poll("salesforce");
            engine.poll("netsuite");
        }
    }

    private static Map<String, Object> prospect(int score) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("email", "ada@example.com");
        fields.put("firstName", "Ada");
        fields.put("lastName", "Example");
        fields.put("company", "Example Analytics Ltd");
        fields.put("score", score);
        fields.put("grade", "A");
        fields.put("optedOut", false);
        fields.put("campaignId", "7001");
        fields.put("Lifecycle_Stage__c", "Lead");
        return fields;
    }

    private Map<String, Object> lead() {
        assertThat(salesforce.all("Lead")).hasSize(1);
        return salesforce.all("Lead").values().iterator().next();
    }

    private String leadId() {
        return salesforce.all("Lead").keySet().iterator().next();
    }

    private List<StageHistoryEntry> history(String to) {
        return store.stageHistory().query(HistoryQuery.builder().toStage(to).build());
    }

    @Test
    void aProspectMeetingTheMqlConditionIsHandedToSalesforceAsExactlyOneLead() {
        pardot.put("prospect", PROSPECT, prospect(72));

        syncAll();
        syncAll();

        assertThat(lead()).containsEntry("Pardot_Id__c", PROSPECT).containsEntry("Email", "ada@example.com")
                .containsEntry("Company", "Example Analytics Ltd").containsEntry("Status", "Marketing Qualified")
                .containsEntry("OwnerId", "00GXX00000000012AA").containsEntry("LeadSource", "Web")
                .containsEntry("Lead_Score__c", 72L);
        assertThat(salesforce.writeLog()).filteredOn(w -> w.startsWith("Lead Pardot_Id__c=")).hasSize(1);
        assertThat(pardot.get("prospect", PROSPECT)).containsEntry("Lifecycle_Stage__c", "MQL");
        assertThat(history("MQL")).singleElement().satisfies(e -> {
            assertThat(e.fromStage()).isEqualTo("LEAD");
            assertThat(e.sourceSystem()).isEqualTo("stagesync");
            assertThat(e.rules()).containsExactly("mql-score", "mql-reachable");
        });
        assertThat(netsuite.all("contact")).as("a lead is no NetSuite contact").isEmpty();
        String canonical = store.xrefs().findByExternal("pardot", "prospect", PROSPECT).orElseThrow().canonicalId();
        assertThat(store.records().find(canonical).orElseThrow().fields()).containsEntry("firstTouchCampaign", "7001");
    }

    @Test
    void aLowScoreProspectStaysInMarketingAndIsNotSentToSalesforce() {
        pardot.put("prospect", PROSPECT, prospect(20));

        syncAll();

        assertThat(salesforce.all("Lead")).isEmpty();
        assertThat(pardot.get("prospect", PROSPECT)).containsEntry("Lifecycle_Stage__c", "Lead");
        assertThat(history("MQL")).isEmpty();
    }

    @Test
    void aRepMovingALowScoreLeadToSalIsHeldAndMarketingKeepsTheOldStage() {
        pardot.put("prospect", PROSPECT, prospect(72));
        syncAll();
        pardot.put("prospect", PROSPECT, Map.of("score", 30));
        syncAll();
        int netsuiteWrites = netsuite.writeLog().size();

        salesforce.put("Lead", leadId(), Map.of("Status", "Working - Contacted"));
        syncAll();

        assertThat(pardot.get("prospect", PROSPECT)).containsEntry("Lifecycle_Stage__c", "MQL");
        assertThat(netsuite.writeLog()).hasSize(netsuiteWrites);
        assertThat(store.stageHistory().query(HistoryQuery.builder()
                .outcome(StageHistoryEntry.Outcome.REFUSED_VIOLATED).build())).singleElement().satisfies(e -> {
                    assertThat(e.fromStage()).isEqualTo("MQL");
                    assertThat(e.toStage()).isEqualTo("SAL");
                    assertThat(e.policy()).isEqualTo("hold");
                    assertThat(e.rules()).containsExactly("sal-score-and-company");
                    assertThat(e.reasons()).anySatisfy(r -> assertThat(r).contains("score=30"));
                });
    }

    @Test
    void aDisqualifiedLeadIsRecycledToNurtureAndReturnsToSalesWhenItsScoreRises() {
        pardot.put("prospect", PROSPECT, prospect(72));
        syncAll();
        salesforce.put("Lead", leadId(), Map.of("Status", "Working - Contacted"));
        syncAll();
        assertThat(pardot.get("prospect", PROSPECT)).containsEntry("Lifecycle_Stage__c", "SAL");
        pardot.put("prospect", PROSPECT, Map.of("score", 40));
        syncAll();

        salesforce.put("Lead", leadId(), Map.of("Status", "Closed - Not Converted", "Loss_Reason__c", "No budget"));
        syncAll();

        assertThat(pardot.get("prospect", PROSPECT)).containsEntry("Lifecycle_Stage__c", "Nurture");
        assertThat(lead()).containsEntry("Status", "Nurturing");
        assertThat(history("NURTURE")).singleElement().satisfies(e -> assertThat(e.fromStage()).isEqualTo("DISQUALIFIED"));

        pardot.put("prospect", PROSPECT, Map.of("score", 65));
        syncAll();

        assertThat(lead()).containsEntry("Status", "Marketing Qualified");
        assertThat(pardot.get("prospect", PROSPECT)).containsEntry("Lifecycle_Stage__c", "MQL");
        assertThat(history("MQL")).extracting(StageHistoryEntry::fromStage).containsExactly("LEAD", "NURTURE");
        assertThat(salesforce.all("Lead")).as("still the one lead").hasSize(1);
    }

    @Test
    void aClosedLostContactKnownOnlyToSalesforceIsRecycledIntoMarketingForNurture() {
        salesforce.put("Contact", "0031", Map.of("FirstName", "Ada", "LastName", "Example", "Email", "ada@example.com",
                "HasOptedOutOfEmail", false, "Lifecycle_Stage__c", "Opportunity"));
        syncAll();
        assertThat(pardot.all("prospect")).as("not a marketing record yet").isEmpty();

        salesforce.put("Contact", "0031", Map.of("Lifecycle_Stage__c", "Lost", "Loss_Reason__c", "Chose a competitor"));
        syncAll();

        assertThat(pardot.all("prospect").values()).singleElement().satisfies(p -> assertThat(p)
                .containsEntry("email", "ada@example.com").containsEntry("Lifecycle_Stage__c", "Nurture"));
        assertThat(salesforce.get("Contact", "0031")).containsEntry("Lifecycle_Stage__c", "Nurture");
        assertThat(history("NURTURE")).singleElement().satisfies(e -> {
            assertThat(e.fromStage()).isEqualTo("LOST");
            assertThat(e.sourceSystem()).isEqualTo("stagesync");
        });
    }

    @Test
    void aRecycledContactThatRequalifiesGoesBackToSalesOnItsContactNotAsANewLead() {
        salesforce.put("Contact", "0031", Map.of("FirstName", "Ada", "LastName", "Example", "Email", "ada@example.com",
                "HasOptedOutOfEmail", false, "Lifecycle_Stage__c", "Lost", "Loss_Reason__c", "Chose a competitor"));
        syncAll();
        String prospect = pardot.all("prospect").keySet().iterator().next();

        pardot.put("prospect", prospect, Map.of("score", 65));
        syncAll();

        assertThat(salesforce.get("Contact", "0031")).containsEntry("Lifecycle_Stage__c", "MQL");
        assertThat(salesforce.all("Lead")).as("the person already is a Contact").isEmpty();
        assertThat(pardot.get("prospect", prospect)).containsEntry("Lifecycle_Stage__c", "MQL");
    }

    @Test
    void aPersonEditedInBothSystemsAtOnceResolvesByOwnershipWithoutPingPong() {
        pardot.put("prospect", PROSPECT, prospect(72));
        syncAll();
        pardot.put("prospect", PROSPECT, Map.of("phone", "+1 555 0101", "firstName", "Adah"));
        salesforce.put("Lead", leadId(), Map.of("Phone", "+1 555 0199"));

        syncAll();
        int salesforceWrites = salesforce.writeLog().size();
        int pardotWrites = pardot.writeLog().size();
        syncAll();
        syncAll();

        assertThat(lead()).containsEntry("Phone", "+1 555 0199").containsEntry("FirstName", "Adah");
        assertThat(pardot.get("prospect", PROSPECT)).containsEntry("phone", "+1 555 0199").containsEntry("firstName", "Adah");
        assertThat(salesforce.writeLog()).as("no ping-pong").hasSize(salesforceWrites);
        assertThat(pardot.writeLog()).as("no ping-pong").hasSize(pardotWrites);
    }

    @Test
    void aContactAlsoInMarketingIsCreatedInNetSuiteKeyedByItsSalesforceIdWhicheverSystemChangedIt() {
        pardot.put("prospect", PROSPECT, prospect(72));
        netsuite.put("customer", "901", Map.of("companyName", "Example Analytics Ltd", "externalId", "0011",
                "entityStatus", "9"));
        salesforce.put("Account", "0011", Map.of("Name", "Example Analytics Ltd", "Lifecycle_Stage__c", "Opportunity",
                "NetSuite_Id__c", "901"));
        salesforce.put("Contact", "0031", Map.of("FirstName", "Ada", "LastName", "Example", "Email", "ada@example.com",
                "HasOptedOutOfEmail", false, "AccountId", "0011", "Lifecycle_Stage__c", "Opportunity"));
        pardot.put("prospect", PROSPECT, Map.of("Lifecycle_Stage__c", "Opportunity"));
        engine.poll("pardot");
        engine.poll("salesforce");
        engine.poll("netsuite");

        pardot.put("prospect", PROSPECT, Map.of("firstName", "Adah"));
        engine.poll("pardot");
        syncAll();

        assertThat(store.deadLetters().count(io.stagesync.store.DeadLetter.Status.OPEN)).isZero();
        assertThat(netsuite.all("contact").values()).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("externalId", "0031").containsEntry("firstName", "Adah"));
    }

    @Test
    void onceALeadsPersonIsAlsoAContactOnlyTheContactIsWrittenNotTheConvertedLead() {
        pardot.put("prospect", PROSPECT, prospect(72));
        syncAll();
        String lead = leadId();
        salesforce.put("Contact", "0031", Map.of("FirstName", "Ada", "LastName", "Example", "Email", "ada@example.com",
                "HasOptedOutOfEmail", false, "Lifecycle_Stage__c", "MQL"));
        syncAll();
        int leadWrites = (int) salesforce.writeLog().stream().filter(w -> w.contains(lead)).count();

        pardot.put("prospect", PROSPECT, Map.of("firstName", "Adah"));
        syncAll();

        assertThat(salesforce.get("Contact", "0031")).containsEntry("FirstName", "Adah");
        assertThat(salesforce.writeLog().stream().filter(w -> w.contains(lead)).count()).as("writes to the Lead")
                .isEqualTo(leadWrites);
        assertThat(lead()).containsEntry("FirstName", "Ada");
    }

    @Test
    void aLeadAndItsConvertedContactSharingAnEmailAreOnePerson() {
        salesforce.put("Lead", "00Q2", Map.of("LastName", "Example", "Email", "Ada@Example.com", "Company", "Example",
                "Status", "Working - Contacted"));
        salesforce.put("Contact", "0031", Map.of("LastName", "Example", "Email", "ada@example.com",
                "Lifecycle_Stage__c", "Customer"));

        engine.poll("salesforce");

        assertThat(store.xrefs().findByExternal("salesforce", "Contact", "0031").orElseThrow().canonicalId())
                .isEqualTo(store.xrefs().findByExternal("salesforce", "Lead", "00Q2").orElseThrow().canonicalId());
    }

    @Test
    void aProspectMatchingTwoSalesforceContactsByEmailIsLinkedByTheDocumentedRuleWithAWarning() {
        salesforce.put("Contact", "0032", Map.of("LastName", "Example", "Email", "ada@example.com",
                "Lifecycle_Stage__c", "Customer"));
        salesforce.put("Contact", "0031", Map.of("LastName", "Example", "Email", "ada@example.com",
                "Lifecycle_Stage__c", "Customer"));
        engine.poll("salesforce");

        pardot.put("prospect", PROSPECT, prospect(72));
        engine.poll("pardot");

        String prospect = store.xrefs().findByExternal("pardot", "prospect", PROSPECT).orElseThrow().canonicalId();
        assertThat(store.xrefs().findByExternal("salesforce", "Contact", "0031").orElseThrow().canonicalId())
                .as("the oldest (smallest) Salesforce id wins").isEqualTo(prospect);
        assertThat(store.warnings().recent(10)).extracting(w -> w.externalId()).containsExactly(PROSPECT, "0031");
        assertThat(store.warnings().recent(1)).singleElement().satisfies(w ->
                assertThat(w.message()).contains("matches 2 known people").contains("salesforce Contact before salesforce Lead"));
    }
}
