package io.stagesync.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stagesync.store.DeadLetter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/dead-letters/{id}/replay} through the running application and its real engine: a NetSuite
 * customer Salesforce refused (a validation rule) is dead-lettered; once the rule is satisfied the replay
 * writes it to Salesforce (WireMock sees the Collections upsert), answers 200 with the RESOLVED letter and
 * keeps it. 404 for an unknown id, 401 without the token.
 */
class DeadLetterReplayApiFlowTest {
    private static final String TOKEN = SalesforceNetSuiteHarness.ENV.get("E2E_ADMIN_TOKEN");
    private static final String UPSERT = SalesforceNetSuiteHarness.SF_API + "/composite/sobjects/Account/NetSuite_Id__c";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRefusedWriteReplaysIntoSalesforceOnceTheCauseIsRemoved() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (SalesforceNetSuiteHarness harness = new SalesforceNetSuiteHarness(dir, """
                stagesync.admin.enabled=true
                stagesync.admin.port=%d
                stagesync.admin.token=${env:E2E_ADMIN_TOKEN}
                """.formatted(port))) {
            harness.suiteQl("customer", null, List.of("""
                    {"links": [], "id": "648", "entityid": "Sample Gears", "companyname": "Sample Gears GmbH",
                     "email": null, "phone": null, "url": "https://gears.example", "entitystatus": "13",
                     "externalid": null, "modstamp": "2026-11-20 10:00:01"}"""));
            harness.salesforce.stubFor(patch(urlPathEqualTo(UPSERT)).atPriority(1).willReturn(okJson("""
                    [{"success": false, "errors": [{"statusCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                      "message": "Billing country is required", "fields": ["BillingCountry"]}], "created": false}]""")));
            harness.start();
            DeadLetter letter = await().atMost(Duration.ofSeconds(60)).until(
                    () -> harness.store().deadLetters().list(DeadLetter.Status.OPEN, 10), l -> l.size() == 1).get(0);
            assertThat(letter.error()).contains("Billing country is required");
            // the admin made the validation rule pass (e.g. a default billing country): Salesforce now accepts it
            harness.salesforce.stubFor(patch(urlPathEqualTo(UPSERT)).atPriority(1).withRequestBody(
                    containing("Sample Gears GmbH")).willReturn(okJson("""
                    [{"id": "001XX0000000648AAA", "success": true, "errors": [], "created": true}]""")));
            URI replay = URI.create("http://127.0.0.1:" + port + "/api/dead-letters/" + letter.id() + "/replay");

            HttpResponse<String> response = post(replay, TOKEN);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("id").asLong()).isEqualTo(letter.id());
            assertThat(body.get("status").asText()).isEqualTo("RESOLVED");
            assertThat(body.get("attempts").asInt()).isEqualTo(2);
            assertThat(body.get("resolution").asText()).contains("written to salesforce Account");
            assertThat(body.get("payload").asText()).isEqualTo(letter.payload());
            List<LoggedRequest> upserts = harness.salesforce.findAll(patchRequestedFor(urlPathEqualTo(UPSERT)));
            assertThat(upserts).hasSize(2);
            JsonNode sent = json.readTree(upserts.get(1).getBodyAsString()).get("records").get(0);
            assertThat(sent.get("NetSuite_Id__c").asText()).isEqualTo("648");
            assertThat(sent.get("Name").asText()).isEqualTo("Sample Gears GmbH");
            assertThat(harness.store().xrefs().findByExternal("salesforce", "Account", "001XX0000000648AAA"))
                    .isPresent();
            assertThat(harness.store().deadLetters().find(letter.id()).orElseThrow().status())
                    .isEqualTo(DeadLetter.Status.RESOLVED);

            HttpResponse<String> unknown = post(URI.create("http://127.0.0.1:" + port
                    + "/api/dead-letters/987654/replay"), TOKEN);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(json.readTree(unknown.body()).get("error").asText()).isEqualTo("no dead letter with id 987654");
            HttpResponse<String> anonymous = post(replay, null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(harness.salesforce.findAll(patchRequestedFor(urlPathEqualTo(UPSERT)))).as("nothing replayed")
                    .hasSize(2);
        }
    }

    @Test
    void theReplayCommandGoesThroughTheRunningServicesApi() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (SalesforceNetSuiteHarness harness = new SalesforceNetSuiteHarness(dir, """
                stagesync.admin.enabled=true
                stagesync.admin.port=%d
                stagesync.admin.token=${env:E2E_ADMIN_TOKEN}
                """.formatted(port))) {
            harness.suiteQl("customer", null, List.of("""
                    {"links": [], "id": "648", "entityid": "Sample Gears", "companyname": "Sample Gears GmbH",
                     "email": null, "phone": null, "url": "https://gears.example", "entitystatus": "13",
                     "externalid": null, "modstamp": "2026-11-20 10:00:01"}"""));
            harness.salesforce.stubFor(patch(urlPathEqualTo(UPSERT)).atPriority(1).willReturn(okJson("""
                    [{"success": false, "errors": [{"statusCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                      "message": "Billing country is required", "fields": ["BillingCountry"]}], "created": false}]""")));
            harness.start();
            DeadLetter letter = await().atMost(Duration.ofSeconds(60)).until(
                    () -> harness.store().deadLetters().list(DeadLetter.Status.OPEN, 10), l -> l.size() == 1).get(0);
            harness.salesforce.stubFor(patch(urlPathEqualTo(UPSERT)).atPriority(1).willReturn(okJson("""
                    [{"id": "001XX0000000648AAA", "success": true, "errors": [], "created": true}]""")));
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();

            int exit = io.stagesync.cli.StagesyncCli.execute(new String[] {"replay", "--config",
                    dir.resolve("config").toString(), "--id", String.valueOf(letter.id())}, new java.io.PrintWriter(out),
                    new java.io.PrintWriter(err), SalesforceNetSuiteHarness.ENV);

            assertThat(exit).as(err.toString()).isEqualTo(io.stagesync.cli.ExitCodes.OK);
            assertThat(out.toString()).contains("the service is running at http://127.0.0.1:" + port
                    + ": replaying through its admin API").contains("dead letter " + letter.id() + " (salesforce Account")
                    .contains("RESOLVED after 2 attempt(s): replayed:");
            assertThat(harness.store().deadLetters().find(letter.id()).orElseThrow().status())
                    .isEqualTo(DeadLetter.Status.RESOLVED);
            assertThat(harness.salesforce.findAll(patchRequestedFor(urlPathEqualTo(UPSERT)))).hasSize(2);
        }
    }

    private HttpResponse<String> post(URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
