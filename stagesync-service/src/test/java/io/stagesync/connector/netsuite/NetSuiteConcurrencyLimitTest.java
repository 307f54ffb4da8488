package io.stagesync.connector.netsuite;

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

/** {@link NetSuiteSettings#maxConcurrentCalls()} bounds the requests in flight (NetSuite's account-wide limit). */
class NetSuiteConcurrencyLimitTest extends NetSuiteWireMockTestBase {
    private static final int DELAY_MS = 300;

    @Override
    Map<String, String> settingsValues() {
        Map<String, String> values = super.settingsValues();
        values.put(NetSuiteSettings.KEY_MAX_CONCURRENT_CALLS, "1");
        return values;
    }

    @Test
    void withOnePermitRequestsArriveOneAfterTheOther() throws Exception {
        wireMock.stubFor(get(urlPathMatching("/services/rest/record/v1/customer/[0-9]+"))
                .willReturn(okJson(fixture("record-customer-647.json")).withFixedDelay(DELAY_MS)));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Map<String, Object>>> calls = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                String id = Integer.toString(i);
                calls.add(pool.submit(() -> client.getRecord("customer", id)));
            }
            for (Future<Map<String, Object>> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS)).containsEntry("id", "647");
            }
        } finally {
            pool.shutdownNow();
        }

        // Each request can only arrive after the previous response (>= DELAY_MS later); unbounded, all three arrive at once.
        List<Instant> arrivals = wireMock.getAllServeEvents().stream()
                .map(e -> e.getRequest().getLoggedDate().toInstant()).sorted().toList();
        assertThat(arrivals).hasSize(3);
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(arrivals.get(i).toEpochMilli() - arrivals.get(i - 1).toEpochMilli())
                    .isGreaterThanOrEqualTo(DELAY_MS - 50);
        }
    }

    @Test
    void theDefaultHttpsBaseUrlResolvesToCamelsHttpsComponent() {
        Map<String, String> values = super.settingsValues();
        values.remove(NetSuiteSettings.KEY_BASE_URL);
        NetSuiteSettings settings = NetSuiteSettings.from(values);

        try (NetSuiteClient https = new NetSuiteClient(camel, settings, CallPolicy.direct())) {
            assertThat(https.settings().baseUrl()).isEqualTo("https://1234567-sb1.suitetalk.api.netsuite.com");
            assertThat(camel.getEndpoints())
                    .filteredOn(e -> e.getEndpointUri().startsWith("https://1234567-sb1.suitetalk.api.netsuite.com?"))
                    .hasSize(1);
        }
    }
}
