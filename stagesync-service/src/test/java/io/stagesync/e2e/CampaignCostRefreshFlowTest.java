package io.stagesync.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stagesync.store.CampaignCost;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The campaign-costs route in the running application: with Pardot configured, its campaigns and their costs
 * ({@code GET /api/v5/objects/campaigns?fields=id,name,cost}) land in the store shortly after start.
 */
class CampaignCostRefreshFlowTest {
    @TempDir
    Path dir;

    @Test
    void pardotCampaignCostsAreStoredAfterStart() throws Exception {
        try (SalesforceNetSuiteHarness harness = new SalesforceNetSuiteHarness(dir).withPardot()) {
            harness.pardot.stubFor(get(urlPathEqualTo("/api/v5/objects/campaigns"))
                    .withQueryParam("fields", equalTo("id,name,cost")).willReturn(okJson("""
                            {"nextPageToken": null, "nextPageUrl": null, "values": [
                              {"id": 5001, "name": "Spring webinar 2024", "cost": 1500},
                              {"id": 5002, "name": "Trade show Example Expo", "cost": 12000.5}]}""")));

            harness.start();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(harness.store().campaignCosts().all()).extracting(CampaignCost::campaignId)
                            .containsExactly("5001", "5002"));
            CampaignCost tradeShow = harness.store().campaignCosts().all().get(1);
            assertThat(tradeShow.system()).isEqualTo("pardot");
            assertThat(tradeShow.name()).isEqualTo("Trade show Example Expo");
            assertThat(tradeShow.cost()).isEqualByComparingTo(new BigDecimal("12000.5"));
        }
    }
}
