package io.stagesync.connector.eloqua;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.CampaignCostReader.Campaign;
import io.stagesync.connector.SystemCallException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Campaign costs from Eloqua's Application API 2.0: {@code GET /api/REST/2.0/assets/campaigns?depth=partial
 * &count=…&page=…} until {@code page × count ≥ total}; {@code actualCost} is a string, absent when not set.
 */
class EloquaCampaignCostsTest extends EloquaWireMockTestBase {
    private static final String CAMPAIGNS = "/api/REST/2.0/assets/campaigns";

    @Test
    void pagesAreReadAtPartialDepthUntilTheTotalIsReached() {
        stubDiscovery();
        pod.stubFor(get(urlPathEqualTo(CAMPAIGNS)).withQueryParam("depth", equalTo("partial"))
                .withQueryParam("count", equalTo("2")).withQueryParam("page", equalTo("1"))
                .willReturn(okJson(fixture("campaigns-page1.json"))));
        pod.stubFor(get(urlPathEqualTo(CAMPAIGNS)).withQueryParam("depth", equalTo("partial"))
                .withQueryParam("count", equalTo("2")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(fixture("campaigns-page2.json"))));

        List<Campaign> campaigns = new EloquaCampaignCosts(client, 2).readCampaigns();

        assertThat(campaigns).containsExactly(new Campaign("101", "Q1 nurture", new BigDecimal("2500.00")),
                new Campaign("102", "Partner webinar", null),
                new Campaign("103", "Trade show follow-up", new BigDecimal("9000")));
        assertThat(pod.findAll(getRequestedFor(urlPathEqualTo(CAMPAIGNS)))).hasSize(2)
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo(BASIC));
    }

    @Test
    void aNegativeActualCostIsAnErrorNamingTheCampaign() {
        stubDiscovery();
        pod.stubFor(get(urlPathEqualTo(CAMPAIGNS)).willReturn(okJson("""
                {"elements": [{"type": "Campaign", "id": "104", "name": "Refund", "depth": "partial",
                  "actualCost": "-50.00"}], "page": 1, "pageSize": 1000, "total": 1}""")));

        assertThatThrownBy(() -> new EloquaCampaignCosts(client).readCampaigns())
                .isInstanceOf(SystemCallException.class).hasMessageContaining("campaign 104")
                .hasMessageContaining("-50.00");
    }
}
