package io.stagesync.connector.pardot;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.CallPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link PardotSettings#maxConcurrentCalls()} bounds the requests in flight (5 per business unit, error 66 above). */
class PardotConcurrencyLimitTest extends PardotWireMockTestBase {
    private static final int DELAY_MS = 300;

    @Override
    Map<String, String> settingsValues() {
        Map<String, String> values = super.settingsValues();
        values.put(PardotSettings.KEY_MAX_CONCURRENT_CALLS, "1");
        return values;
    }

    @Test
    void withOnePermitRequestsArriveOneAfterTheOther() throws Exception {
        stubToken();
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS))
                .willReturn(okJson(fixture("prospects-page-3.json")).withFixedDelay(DELAY_MS)));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<PardotClient.ProspectPage>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(pool.submit(() -> client.queryProspects(List.of("id", "updatedAt"), null, 10)));
            }
            for (Future<PardotClient.ProspectPage> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS).values()).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }

        // Each request can only arrive after the previous response (>= DELAY_MS later); unbounded, all three arrive at once.
        List<Instant> arrivals = apiRequests().stream().map(r -> r.getLoggedDate().toInstant()).sorted().toList();
        assertThat(arrivals).hasSize(3);
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(arrivals.get(i).toEpochMilli() - arrivals.get(i - 1).toEpochMilli())
                    .isGreaterThanOrEqualTo(DELAY_MS - 50);
        }
        assertThat(tokenRequests()).hasSize(1);
    }

    @Test
    void theDefaultHttpsHostsResolveToCamelsHttpsComponent() {
        Map<String, String> values = super.settingsValues();
        values.remove(PardotSettings.KEY_BASE_URL);
        values.remove(PardotSettings.KEY_LOGIN_URL);

        try (PardotClient https = new PardotClient(camel, PardotSettings.from(values), CallPolicy.direct())) {
            assertThat(https.settings().baseUrl()).isEqualTo("https://pi.pardot.com");
            assertThat(camel.getEndpoints()).filteredOn(e -> e.getEndpointUri().startsWith("https://pi.pardot.com?"))
                    .hasSize(1);
            assertThat(camel.getEndpoints())
                    .filteredOn(e -> e.getEndpointUri().startsWith("https://login.salesforce.com?")).hasSize(1);
        }
    }
}
