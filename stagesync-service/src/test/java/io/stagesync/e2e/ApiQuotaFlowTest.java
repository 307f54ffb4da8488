package io.stagesync.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API quota per system in the running application: Salesforce by the {@code Sforce-Limit-Info} header of its
 * responses, Pardot and NetSuite by the calls counted in the rolling 24 h against the configured allowance
 * (Pardot's from its edition), in {@code /api/connectors} and in {@code /metrics}.
 */
class ApiQuotaFlowTest {
    private static final String TOKEN = SalesforceNetSuiteHarness.ENV.get("E2E_ADMIN_TOKEN");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private String fetch(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static JsonNode connector(JsonNode body, String system) {
        for (JsonNode c : body.get("connectors")) {
            if (c.get("system").asText().equals(system)) {
                return c;
            }
        }
        throw new AssertionError("no connector " + system + " in " + body);
    }

    @Test
    void eachSystemsQuotaIsShownFromItsHeaderOrFromTheCountedCalls() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (SalesforceNetSuiteHarness harness = new SalesforceNetSuiteHarness(dir, """
                stagesync.admin.enabled=true
                stagesync.admin.port=%d
                stagesync.admin.token=${env:E2E_ADMIN_TOKEN}
                stagesync.pardot.edition=growth
                stagesync.netsuite.daily-calls=1000
                """.formatted(port)).withPardot()) {
            harness.salesforce.stubFor(get(urlPathEqualTo(SalesforceNetSuiteHarness.SF_API + "/query/")).atPriority(1)
                    .willReturn(okJson("{\"totalSize\": 0, \"done\": true, \"records\": []}")
                            .withHeader("Sforce-Limit-Info", "api-usage=18/15000")));
            harness.start();

            JsonNode body = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions().until(() -> json.readTree(fetch(port, "/api/connectors")),
                            b -> connector(b, "salesforce").get("apiQuota").get("available").asBoolean()
                                    && connector(b, "netsuite").get("apiQuota").get("used").asLong() > 0
                                    && connector(b, "pardot").get("apiQuota").get("used").asLong() > 0);

            JsonNode salesforce = connector(body, "salesforce").get("apiQuota");
            assertThat(salesforce.get("source").asText()).isEqualTo("Sforce-Limit-Info");
            assertThat(salesforce.get("used").asLong()).isEqualTo(18);
            assertThat(salesforce.get("allowed").asLong()).isEqualTo(15000);
            assertThat(salesforce.get("remaining").asLong()).isEqualTo(14982);
            assertThat(salesforce.get("usedRatio").asDouble()).isEqualTo(0.0012);
            assertThat(salesforce.get("observedAt").isNull()).isFalse();
            assertThat(salesforce.get("callsLast24h").asLong()).isPositive();
            JsonNode netsuite = connector(body, "netsuite").get("apiQuota");
            assertThat(netsuite.get("source").asText()).isEqualTo("counted");
            assertThat(netsuite.get("allowed").asLong()).isEqualTo(1000);
            assertThat(netsuite.get("used").asLong()).isEqualTo(netsuite.get("callsLast24h").asLong());
            assertThat(netsuite.get("remaining").asLong()).isEqualTo(1000 - netsuite.get("used").asLong());
            JsonNode pardot = connector(body, "pardot").get("apiQuota");
            assertThat(pardot.get("allowed").asLong()).as("the Growth edition's 25,000 a day").isEqualTo(25000);
            assertThat(pardot.get("note").isNull()).isTrue();

            String metrics = fetch(port, "/metrics");
            assertThat(metrics).contains("stagesync_api_quota_used_calls{system=\"salesforce\"} 18.0")
                    .contains("stagesync_api_quota_allowed_calls{system=\"salesforce\"} 15000.0")
                    .contains("stagesync_api_quota_allowed_calls{system=\"pardot\"} 25000.0")
                    .contains("stagesync_api_quota_allowed_calls{system=\"netsuite\"} 1000.0")
                    .containsPattern("stagesync_api_calls_last_24h\\{system=\"netsuite\"} [1-9]")
                    .contains("stagesync_api_quota_used_ratio{system=\"salesforce\"} 0.0012");
        }
    }
}
