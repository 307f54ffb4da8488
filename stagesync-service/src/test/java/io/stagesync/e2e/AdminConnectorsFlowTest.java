package io.stagesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The admin surface with both real connectors running against WireMock: /api/connectors shows each
 * configured system's last successful poll, breaker state and watermarks, and /metrics counts the calls
 * that reached each system (through the metered call policy) and the polls.
 */
class AdminConnectorsFlowTest {
    private static final String TOKEN = SalesforceNetSuiteHarness.ENV.get("E2E_ADMIN_TOKEN");

    @TempDir
    Path dir;

    @Test
    void connectorsAndMetricsReflectTheRunningPolls() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        HttpClient http = HttpClient.newHttpClient();
        try (SalesforceNetSuiteHarness harness = new SalesforceNetSuiteHarness(dir, """
                stagesync.admin.enabled=true
                stagesync.admin.port=%d
                stagesync.admin.token=${env:E2E_ADMIN_TOKEN}
                """.formatted(port))) {
            harness.salesforceQuery("Account", null, List.of("""
                    {"attributes": {"type": "Account"}, "Id": "001XX0000000001AAA",
                     "SystemModstamp": "2026-11-20T10:00:00.000+0000", "Name": "Example Analytics Ltd",
                     "Website": "https://www.example.com", "Phone": "+1 555 0100", "NetSuite_Id__c": null,
                     "Lifecycle_Stage__c": "Opportunity"}"""));
            harness.start();
            URI connectors = URI.create("http://127.0.0.1:" + port + "/api/connectors");
            ObjectMapper json = new ObjectMapper();
            JsonNode body = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions().until(() -> json.readTree(http.send(HttpRequest.newBuilder(connectors)
                            .header("Authorization", "Bearer " + TOKEN).build(),
                            HttpResponse.BodyHandlers.ofString()).body()), b -> b.get("connectors").size() == 2
                            && !b.get("connectors").get(0).get("lastSuccessfulPoll").isNull()
                            && !b.get("connectors").get(1).get("lastSuccessfulPoll").isNull()
                            && b.get("connectors").get(0).get("objects").size() > 0);

            JsonNode salesforce = body.get("connectors").get(0);
            assertThat(salesforce.get("system").asText()).isEqualTo("salesforce");
            assertThat(salesforce.get("configured").asBoolean()).isTrue();
            assertThat(salesforce.get("breaker").asText()).isEqualTo("CLOSED");
            assertThat(salesforce.get("lastError").isNull()).isTrue();
            assertThat(salesforce.get("objects").get(0).get("objectType").asText()).isEqualTo("Account");
            assertThat(salesforce.get("objects").get(0).get("watermark").asText()).isEqualTo("2026-11-20T10:00:00Z");
            assertThat(body.get("connectors").get(1).get("system").asText()).isEqualTo("netsuite");

            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).containsPattern("stagesync_api_calls_total\\{outcome=\"success\",system=\"salesforce\"} "
                    + "[1-9]").containsPattern("stagesync_api_calls_total\\{outcome=\"success\",system=\"netsuite\"} [1-9]")
                    .containsPattern("stagesync_polls_total\\{outcome=\"success\",system=\"salesforce\"} [1-9]")
                    .contains("stagesync_circuit_breaker_state{state=\"CLOSED\",system=\"netsuite\"} 1.0")
                    .containsPattern("stagesync_records_synced_total\\{object=\"Account\",outcome=\"applied\","
                            + "system=\"salesforce\"} [1-9]");
        }
    }
}
