package io.stagesync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.sandbox.http.SimulatorRejectedException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Salesforce simulator's Java API (the sandbox's seed and script) and the parts of its REST API the connector
 * does not exercise: ids, refusals, lead conversion, SOQL filters and ordering, allOrNone.
 */
class SalesforceSimulatorTest {
    private final SalesforceSimulator salesforce = new SalesforceSimulator().start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void close() {
        salesforce.close();
    }

    @Test
    void idsAreEighteenCharactersWithTheCaseSafeSuffixSalesforceComputes() {
        assertThat(SalesforceIds.caseSafe("0015000000Gv7qJ")).isEqualTo("0015000000Gv7qJAAR");
        assertThat(SalesforceIds.id("00Q", 1)).isEqualTo("00QXX0000000001" + "2AA").hasSize(18);
        assertThat(SalesforceIds.id("003", 62)).as("base 62, sortable").isEqualTo(SalesforceIds.caseSafe("003XX0000000010"));
        assertThat(SalesforceIds.id("001", 61).compareTo(SalesforceIds.id("001", 62))).isNegative();
    }

    @Test
    void aLeadWithoutCompanyIsRefusedAsTheApiWouldAndNothingIsCreated() {
        assertThatThrownBy(() -> salesforce.create("Lead", Map.of("LastName", "Example")))
                .isInstanceOfSatisfying(SimulatorRejectedException.class, e -> {
                    assertThat(e.codes()).containsExactly("REQUIRED_FIELD_MISSING");
                    assertThat(e.getMessage()).contains("[Company]");
                });
        assertThatThrownBy(() -> salesforce.create("Lead", Map.of("LastName", "X", "Company", "Y", "Emial", "x")))
                .isInstanceOfSatisfying(SimulatorRejectedException.class,
                        e -> assertThat(e.codes()).containsExactly("INVALID_FIELD"));
        assertThat(salesforce.list("Lead")).isEmpty();
    }

    @Test
    void convertingALeadCreatesAccountContactAndOpportunityAndMarksTheLeadConverted() {
        String lead = salesforce.create("Lead", Map.of("FirstName", "Ada", "LastName", "Example",
                "Company", "Example Analytics Ltd", "Email", "ada@example.com", "Status", "Sales Qualified"));

        SalesforceSimulator.LeadConversion conversion = salesforce.convertLead(lead, true);

        assertThat(salesforce.get("Account", conversion.accountId()).orElseThrow())
                .containsEntry("Name", "Example Analytics Ltd");
        assertThat(salesforce.get("Contact", conversion.contactId()).orElseThrow())
                .containsEntry("AccountId", conversion.accountId()).containsEntry("Email", "ada@example.com")
                .containsEntry("Name", "Ada Example");
        assertThat(salesforce.get("Opportunity", conversion.opportunityId()).orElseThrow())
                .containsEntry("AccountId", conversion.accountId()).containsEntry("StageName", "Prospecting")
                .containsEntry("IsClosed", false);
        assertThat(salesforce.get("Lead", lead).orElseThrow()).containsEntry("IsConverted", true)
                .containsEntry("Status", "Closed - Converted").containsEntry("ConvertedContactId", conversion.contactId());
        assertThatThrownBy(() -> salesforce.convertLead(lead, false)).isInstanceOf(SimulatorRejectedException.class);
    }

    @Test
    void findComparesTextCaseInsensitivelyAsSoqlDoes() {
        salesforce.create("Lead", Map.of("LastName", "One", "Company", "Example", "Email", "Ada@Example.com"));

        assertThat(salesforce.find("lead", "email", "ada@example.com")).hasSize(1);
        assertThat(salesforce.find("Lead", "Email", "bob@example.com")).isEmpty();
    }

    @Test
    void soqlFiltersEscapedLiteralsOrdersDescendingAndLimits() throws Exception {
        login();
        salesforce.create("Account", Map.of("Name", "O'Brien Ltd", "NumberOfEmployees", 5));
        salesforce.create("Account", Map.of("Name", "Example A", "NumberOfEmployees", 50));
        salesforce.create("Account", Map.of("Name", "Example B", "NumberOfEmployees", 500));

        JsonNode escaped = query("SELECT Name FROM Account WHERE Name = 'o\\'brien ltd'");
        JsonNode ordered = query("SELECT Name, NumberOfEmployees FROM Account WHERE NumberOfEmployees >= 50"
                + " ORDER BY NumberOfEmployees DESC LIMIT 1");

        assertThat(escaped.get("records")).hasSize(1);
        assertThat(escaped.get("records").get(0).get("Name").asText()).isEqualTo("O'Brien Ltd");
        assertThat(ordered.get("totalSize").asInt()).isEqualTo(1);
        assertThat(ordered.get("records").get(0).get("Name").asText()).isEqualTo("Example B");
        assertThat(ordered.get("records").get(0).get("attributes").get("url").asText())
                .startsWith("/services/data/v62.0/sobjects/Account/001");
        assertThat(query("SELECT Name FORM Account").get(0).get("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
    }

    @Test
    void withAllOrNoneOneBadRecordRollsBackTheOthers() throws Exception {
        String token = login();
        String body = """
                {"allOrNone": true, "records": [
                  {"attributes": {"type": "Account"}, "Name": "Example Good"},
                  {"attributes": {"type": "Account"}, "Website": "https://example.com"}]}""";

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl()
                        + "/services/data/v62.0/composite/sobjects")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode results = json.readTree(response.body());
        assertThat(results.get(0).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        assertThat(results.get(1).get("errors").get(0).get("statusCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(salesforce.list("Account")).isEmpty();
    }

    @Test
    void datesAndDatetimesAreStoredTypedAndShownInSalesforcesFormats() throws Exception {
        login();
        String id = salesforce.create("Opportunity", Map.of("Name", "Example deal", "StageName", "Closed Won",
                "CloseDate", "2026-12-15", "Amount", 24000));

        JsonNode record = query("SELECT CloseDate, SystemModstamp, Amount, IsWon FROM Opportunity").get("records").get(0);

        assertThat(salesforce.get("Opportunity", id).orElseThrow()).containsEntry("CloseDate", LocalDate.of(2026, 12, 15));
        assertThat(record.get("CloseDate").asText()).isEqualTo("2026-12-15");
        assertThat(record.get("SystemModstamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
        assertThat(record.get("Amount").toString()).isEqualTo("24000.0");
        assertThat(record.get("IsWon").asBoolean()).isTrue();
    }

    @Test
    void deletedAndMergedRecordsAreInTheRecycleBinOnlyQueryAllReadsAndCannotBeUpdated() throws Exception {
        String token = login();
        String winner = salesforce.create("Account", Map.of("Name", "Survivor Ltd"));
        String loser = salesforce.create("Account", Map.of("Name", "Duplicate Ltd"));
        String contact = salesforce.create("Contact", Map.of("LastName", "Example", "AccountId", loser));
        String deleted = salesforce.create("Account", Map.of("Name", "Deleted Ltd"));

        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl()
                + "/services/data/v62.0/sobjects/Account/" + deleted)).header("Authorization", "Bearer " + token)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        salesforce.merge("Account", winner, loser);

        assertThat(delete.statusCode()).isEqualTo(204);
        assertThat(query("SELECT Id FROM Account").get("totalSize").asInt()).isEqualTo(1);
        JsonNode all = query("queryAll", "SELECT Id, IsDeleted, MasterRecordId FROM Account WHERE IsDeleted = true"
                + " ORDER BY Name").get("records");
        assertThat(all).hasSize(2);
        assertThat(all.get(0).get("Id").asText()).isEqualTo(deleted);
        assertThat(all.get(0).get("MasterRecordId").isNull()).isTrue();
        assertThat(all.get(1).get("Id").asText()).isEqualTo(loser);
        assertThat(all.get(1).get("MasterRecordId").asText()).isEqualTo(winner);
        assertThat(salesforce.get("Contact", contact).orElseThrow()).as("reparented to the survivor")
                .containsEntry("AccountId", winner);
        assertThatThrownBy(() -> salesforce.update("Account", loser, Map.of("Name", "Again Ltd")))
                .isInstanceOfSatisfying(SimulatorRejectedException.class,
                        e -> assertThat(e.codes()).containsExactly("ENTITY_IS_DELETED"));
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl()
                + "/services/data/v62.0/sobjects/Account/" + deleted)).header("Authorization", "Bearer " + token)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(json.readTree(again.body()).get(0).get("errorCode").asText()).isEqualTo("ENTITY_IS_DELETED");

        salesforce.undelete("Account", deleted);
        assertThat(query("SELECT Id FROM Account").get("totalSize").asInt()).isEqualTo(2);
    }

    private String token;

    private String login() throws Exception {
        token = SalesforceTestLogin.token(salesforce, http);
        return token;
    }

    private JsonNode query(String soql) throws Exception {
        return query("query", soql);
    }

    private JsonNode query(String resource, String soql) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl()
                        + "/services/data/v62.0/" + resource + "/?q=" + enc(soql).replace("+", "%20")))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
