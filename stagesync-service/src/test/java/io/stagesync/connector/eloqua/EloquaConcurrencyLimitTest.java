package io.stagesync.connector.eloqua;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link EloquaSettings#maxConcurrentCalls()} bounds the requests in flight over both hosts; discovery happens once. */
class EloquaConcurrencyLimitTest extends EloquaWireMockTestBase {
    private static final int DELAY_MS = 300;

    @Override
    Map<String, String> settingsValues() {
        Map<String, String> values = super.settingsValues();
        values.put(EloquaSettings.KEY_MAX_CONCURRENT_CALLS, "1");
        return values;
    }

    @Test
    void withOnePermitRequestsArriveOneAfterTheOtherAndTheBaseUrlIsAskedForOnce() throws Exception {
        stubDiscovery();
        pod.stubFor(get(urlPathMatching(CONTACT + "/[0-9]+"))
                .willReturn(okJson(fixture("contact-1007.json")).withFixedDelay(DELAY_MS)));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<JsonNode>> calls = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                String path = CONTACT + "/" + i;
                calls.add(pool.submit(() -> client.get("get contact", path, null)));
            }
            for (Future<JsonNode> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS).path("id").asText()).isEqualTo("1007");
            }
        } finally {
            pool.shutdownNow();
        }

        login.verify(1, getRequestedFor(urlEqualTo("/id")));
        // Each request can only arrive after the previous response (>= DELAY_MS later); unbounded, all three arrive at once.
        List<Instant> arrivals = pod.getAllServeEvents().stream()
                .map(e -> e.getRequest().getLoggedDate().toInstant()).sorted().toList();
        assertThat(arrivals).hasSize(3);
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(arrivals.get(i).toEpochMilli() - arrivals.get(i - 1).toEpochMilli())
                    .isGreaterThanOrEqualTo(DELAY_MS - 50);
        }
        assertThat(camel.getEndpoints()).filteredOn(e -> e.getEndpointUri().startsWith(loginUrl() + "?")).hasSize(1);
        assertThat(camel.getEndpoints()).filteredOn(e -> e.getEndpointUri().startsWith(podUrl() + "?")).hasSize(1);
    }
}
