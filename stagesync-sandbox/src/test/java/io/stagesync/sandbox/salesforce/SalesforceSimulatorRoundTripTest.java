package io.stagesync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import io.stagesync.connector.salesforce.SalesforceChangeReader;
import io.stagesync.connector.salesforce.SalesforceClient;
import io.stagesync.connector.salesforce.SalesforceRecordWriter;
import io.stagesync.sandbox.SimulatedConnectors;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Salesforce connector (camel-salesforce, SalesforceChangeReader, SalesforceRecordWriter) against the
 * Salesforce simulator: what it reads is what the simulator holds, in exact positions and real pages, and what it
 * writes changes the simulator's records.
 */
class SalesforceSimulatorRoundTripTest {
    private static final Map<String, List<String>> FIELDS = Map.of(
            "Lead", List.of("FirstName", "LastName", "Company", "Email", "Status", "Lead_Score__c", "Pardot_Id__c"),
            "Account", List.of("Name", "Lifecycle_Stage__c"),
            "Campaign", List.of("Name", "ActualCost"));

    /** A clock that never moves: only the simulator's own rule keeps every change's SystemModstamp distinct. */
    private static final Clock FROZEN = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

    private final SalesforceSimulator salesforce = new SalesforceSimulator(FROZEN).start();
    private final SimulatedConnectors connectors = new SimulatedConnectors();
    private SalesforceChangeReader reader;
    private SalesforceRecordWriter writer;

    private SalesforceClient client;

    @BeforeEach
    void connect() {
        client = connectors.salesforce(salesforce.properties(), salesforce.env());
        reader = new SalesforceChangeReader(client, FIELDS);
        writer = new SalesforceRecordWriter(client);
    }

    @AfterEach
    void close() {
        connectors.close();
        salesforce.close();
    }

    private record Page(List<SystemRecord> records, ChangePosition end) {
    }

    private List<Page> read(String type, ChangePosition after) {
        List<Page> pages = new ArrayList<>();
        reader.readChanges(type, after, SalesforceSimulator.PAGE_SIZE, (records, end) -> pages.add(new Page(records, end)));
        return pages;
    }

    private List<String> seedLeads(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(salesforce.create("Lead", Map.of("FirstName", "Example", "LastName", "Lead-" + i,
                    "Company", "Example " + i + " Ltd", "Email", "lead" + i + "@example.com", "Lead_Score__c", i)));
        }
        return ids;
    }

    @Test
    void twoHundredFiftyLeadsAreReadAcrossTwoPagesEachEndingAtItsLastRecordsExactPosition() {
        List<String> ids = seedLeads(250);
        long before = salesforce.requestCount();

        List<Page> pages = read("Lead", null);

        assertThat(pages).extracting(p -> p.records().size()).containsExactly(200, 50);
        assertThat(pages.stream().flatMap(p -> p.records().stream()).map(SystemRecord::id).toList())
                .as("every lead once, in SystemModstamp order").containsExactlyElementsOf(ids);
        for (Page page : pages) {
            SystemRecord last = page.records().get(page.records().size() - 1);
            Map<String, Object> held = salesforce.get("Lead", last.id()).orElseThrow();
            assertThat(page.end()).isEqualTo(new ChangePosition((Instant) held.get("SystemModstamp"), last.id()));
        }
        assertThat(salesforce.requestCount() - before).as("login, query, one queryMore").isEqualTo(3);
        SystemRecord first = pages.get(0).records().get(0);
        assertThat(first.fields()).containsEntry("LastName", "Lead-1").containsEntry("Company", "Example 1 Ltd")
                .containsEntry("Status", "Open - Not Contacted").containsEntry("Pardot_Id__c", null);
        assertThat(first.id()).hasSize(18).startsWith("00Q");
    }

    @Test
    void aUsersEditAfterTheReadIsTheOnlyChangeTheNextReadReturns() {
        List<String> ids = seedLeads(250);
        List<Page> initial = read("Lead", null);
        ChangePosition position = initial.get(initial.size() - 1).end();

        salesforce.update("Lead", ids.get(16), Map.of("Status", "Marketing Qualified", "Lead_Score__c", 77));
        List<Page> next = read("Lead", position);

        assertThat(next).singleElement().satisfies(page -> assertThat(page.records()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(ids.get(16));
            assertThat(r.fields()).containsEntry("Status", "Marketing Qualified");
            assertThat(new BigDecimal(r.fields().get("Lead_Score__c").toString())).isEqualByComparingTo("77");
            assertThat(r.modstamp()).as("1 ms after the 250 creations on a frozen clock")
                    .isEqualTo(position.modstamp().plusMillis(1));
        }));
        assertThat(read("Lead", next.get(0).end())).as("nothing after the edit").isEmpty();
    }

    @Test
    void anUpsertByExternalIdCreatesTheLeadThenUpdatesTheSameOne() {
        List<WriteResult> created = writer.upsert("Lead", "Pardot_Id__c", List.of(new UpsertRequest("P-1001",
                Map.of("LastName", "Upserted", "Company", "Example Upsert Inc", "Email", "first@example.com"))));
        assertThat(created).singleElement().satisfies(r -> {
            assertThat(r.success()).isTrue();
            assertThat(r.created()).isTrue();
            assertThat(r.id()).startsWith("00Q").hasSize(18);
        });
        Instant firstStamp = (Instant) salesforce.get("Lead", created.get(0).id()).orElseThrow().get("SystemModstamp");

        List<WriteResult> updated = writer.upsert("Lead", "Pardot_Id__c", List.of(new UpsertRequest("P-1001",
                Map.of("Email", "second@example.com"))));

        assertThat(updated).singleElement().satisfies(r -> {
            assertThat(r.success()).isTrue();
            assertThat(r.created()).isFalse();
            assertThat(r.id()).isEqualTo(created.get(0).id());
        });
        assertThat(salesforce.find("Lead", "Pardot_Id__c", "P-1001")).singleElement().satisfies(lead -> {
            assertThat(lead).containsEntry("Email", "second@example.com").containsEntry("LastName", "Upserted");
            assertThat((Instant) lead.get("SystemModstamp")).isAfter(firstStamp);
            assertThat(lead.get("LastModifiedById")).as("written by the integration user")
                    .isEqualTo(lead.get("CreatedById"));
        });
    }

    @Test
    void aLeadWithoutLastNameFailsAloneWithRequiredFieldMissingWhileTheRestOfTheBatchIsSaved() {
        Map<String, Object> noLastName = new LinkedHashMap<>();
        noLastName.put("Company", "Example Nameless Co");
        List<WriteResult> results = writer.upsert("Lead", "Pardot_Id__c", List.of(
                new UpsertRequest("P-1", Map.of("LastName", "Fine", "Company", "Example Fine Co")),
                new UpsertRequest("P-2", noLastName),
                new UpsertRequest("P-3", Map.of("LastName", "Bad Mail", "Company", "Example Co", "Email", "not-an-email"))));

        assertThat(results.get(0).success()).isTrue();
        assertThat(results.get(1)).satisfies(r -> {
            assertThat(r.success()).isFalse();
            assertThat(r.errorCode()).isEqualTo("REQUIRED_FIELD_MISSING");
            assertThat(r.message()).contains("LastName");
        });
        assertThat(results.get(2).errorCode()).isEqualTo("INVALID_EMAIL_ADDRESS");
        assertThat(salesforce.list("Lead")).extracting(l -> l.get("Pardot_Id__c")).containsExactly("P-1");
    }

    @Test
    void anUpdateByIdChangesTheAccountAndTheChangeIsReadBack() {
        String account = salesforce.create("Account", Map.of("Name", "Example Analytics Ltd", "Lifecycle_Stage__c", "Lead"));
        ChangePosition afterSeed = read("Account", null).get(0).end();

        List<WriteResult> results = writer.upsert("Account", SalesforceRecordWriter.ID,
                List.of(new UpsertRequest(account, Map.of("Lifecycle_Stage__c", "Customer")),
                        new UpsertRequest("001XX0000000999AAA", Map.of("Lifecycle_Stage__c", "Customer"))));

        assertThat(results.get(0).success()).isTrue();
        assertThat(results.get(1).errorCode()).as("no such account").isEqualTo("INVALID_CROSS_REFERENCE_KEY");
        assertThat(salesforce.get("Account", account).orElseThrow()).containsEntry("Lifecycle_Stage__c", "Customer");
        assertThat(read("Account", afterSeed)).singleElement().satisfies(p -> assertThat(p.records()).singleElement()
                .satisfies(r -> assertThat(r.fields()).containsEntry("Lifecycle_Stage__c", "Customer")));
    }

    @Test
    void campaignCostsAreReadAsNumbers() {
        salesforce.create("Campaign", Map.of("Name", "Example Webinar", "ActualCost", new BigDecimal("1500")));

        List<Page> pages = read("Campaign", null);

        assertThat(pages).singleElement().satisfies(p -> assertThat(p.records()).singleElement().satisfies(r -> {
            assertThat(r.id()).startsWith("701");
            assertThat(r.fields()).containsEntry("Name", "Example Webinar");
            assertThat(new BigDecimal(r.fields().get("ActualCost").toString())).isEqualByComparingTo("1500");
        }));
    }

    @Test
    void anExpiredSessionIsAnsweredWith401AndTheConnectorLogsInAgainAndSucceeds() throws Exception {
        seedLeads(3);
        assertThat(read("Lead", null)).hasSize(1);
        assertThat(salesforce.loginCount()).isEqualTo(1);

        salesforce.expireSessions();

        assertThat(read("Lead", null)).singleElement().satisfies(p -> assertThat(p.records()).hasSize(3));
        assertThat(salesforce.loginCount()).as("one re-login after the 401").isEqualTo(2);
    }

    @Test
    void aCallWithoutAnIssuedTokenGets401InSalesforcesShape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(salesforce.baseUrl() + "/services/data/v62.0/query/?q=SELECT%20Id%20FROM%20Lead"))
                .header("Authorization", "Bearer 00DXX0000000001!forged").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body())
                .isEqualTo("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
    }

    @Test
    void aWrongPasswordFailsTheLoginAndNothingIsRead() {
        Map<String, String> env = new LinkedHashMap<>(salesforce.env());
        env.put(SalesforceSimulator.ENV_PASSWORD, "wrong-password");
        try (SimulatedConnectors other = new SimulatedConnectors()) {
            SalesforceChangeReader wrong = new SalesforceChangeReader(other.salesforce(salesforce.properties(), env),
                    FIELDS);
            assertThatThrownBy(() -> wrong.readChanges("Lead", null, 200, (p, e) -> true))
                    .isInstanceOf(SystemCallException.class).hasMessageContaining("authentication failure");
        }
        assertThat(salesforce.loginCount()).isZero();
    }

    @Test
    void aFieldTheOrgDoesNotHaveFailsTheQueryWithInvalidField() {
        try (SimulatedConnectors other = new SimulatedConnectors()) {
            SalesforceChangeReader typo = new SalesforceChangeReader(
                    other.salesforce(salesforce.properties(), salesforce.env()), Map.of("Lead", List.of("Emial")));

            assertThatThrownBy(() -> typo.readChanges("Lead", null, 200, (p, e) -> true))
                    .isInstanceOfSatisfying(SystemCallException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.vendorCode()).isEqualTo("INVALID_FIELD");
                    });
        }
    }

    @Test
    void theSimulatedOrgAnswersDescribeSoTheStartUpPicklistCheckFindsNothingToReport() {
        var model = io.stagesync.config.StagesyncConfig.load(java.nio.file.Path.of("config"), Map.of()).model();

        assertThat(io.stagesync.app.StagePicklistCheck.check("salesforce", model.mappings(), client::describe)).isEmpty();
        assertThat(client.describe("Lead").path("fields").findValuesAsText("name")).contains("Status", "Email");
    }
}
