package io.stagesync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.sandbox.http.SimulatorServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Salesforce simulator, serving calls concurrently, names an Account that two API calls updated at once (the
 * crash tests' check that no record is in flight twice); a user's edit through its Java API is no API call.
 */
class SalesforceSimulatorTellsOfTwoWritesOfARecordAtOnceTest {
    static {
        System.setProperty(SimulatorServer.CONCURRENT_PROPERTY, "true");
    }

    private final SalesforceSimulator salesforce = new SalesforceSimulator().start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        salesforce.close();
    }

    @Test
    void twoUpdatesOfOneAccountInFlightAtOnceAreNamed() throws Exception {
        String token = login();
        String account = salesforce.create("Account", Map.of("Name", "Example Ltd"));
        String other = salesforce.create("Account", Map.of("Name", "Other Ltd"));
        salesforce.injectLatency(Duration.ofMillis(1500), Duration.ofMillis(1500));

        CompletableFuture<HttpResponse<String>> first = patch(token, account, "555-0101");
        CompletableFuture<HttpResponse<String>> second = patch(token, account, "555-0102");
        CompletableFuture<HttpResponse<String>> unrelated = patch(token, other, "555-0103");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"555-0103".equals(salesforce.get("Account", other).orElseThrow().get("Phone"))
                || salesforce.overlappingWrites().isEmpty()) {
            assertThat(System.nanoTime()).as("the calls were handled").isLessThan(deadline);
            Thread.sleep(10);
        }
        // all three handled, none answered yet: a user's edit meanwhile is not an API call
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        salesforce.update("Account", account, Map.of("Phone", "555-0104"));

        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(unrelated.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(salesforce.overlappingWrites()).singleElement().asString()
                .contains("salesforce Account " + account).contains("PATCH /services/data/v62.0/composite/sobjects");
        assertThat(salesforce.get("Account", account).orElseThrow()).containsEntry("Phone", "555-0104");
    }

    private CompletableFuture<HttpResponse<String>> patch(String token, String id, String phone) {
        String body = "{\"allOrNone\": false, \"records\": [{\"attributes\": {\"type\": \"Account\"}, \"id\": \""
                + id + "\", \"Phone\": \"" + phone + "\"}]}";
        return http.sendAsync(HttpRequest.newBuilder(URI.create(salesforce.baseUrl()
                        + "/services/data/v62.0/composite/sobjects")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String login() throws Exception {
        return SalesforceTestLogin.token(salesforce, http);
    }
}
