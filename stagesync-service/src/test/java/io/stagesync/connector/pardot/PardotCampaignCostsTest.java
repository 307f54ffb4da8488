package io.stagesync.connector.pardot;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
 * Campaign costs from Account Engagement v5: {@code GET /api/v5/objects/campaigns?fields=id,name,cost&limit=…},
 * then {@code ?fields=…&nextPageToken=…} until the token is null; ids as text, a null cost kept as unknown.
 */
class PardotCampaignCostsTest extends PardotWireMockTestBase {
    private static final String CAMPAIGNS = "/api/v5/objects/campaigns";
    private static final String TOKEN_2 = "eyJwYWdlIjoyLCJxdWVyeSI6ImNhbXBhaWducyJ9";

    @Test
    void everyPageIsReadWithTheFieldsAndTheBusinessUnit() {
        stubToken();
        wireMock.stubFor(get(urlPathEqualTo(CAMPAIGNS)).withQueryParam("fields", equalTo("id,name,cost"))
                .withQueryParam("limit", equalTo("2")).willReturn(okJson(fixture("campaigns-page-1.json"))));
        wireMock.stubFor(get(urlPathEqualTo(CAMPAIGNS)).withQueryParam("fields", equalTo("id,name,cost"))
                .withQueryParam("nextPageToken", equalTo(TOKEN_2)).willReturn(okJson(fixture("campaigns-page-2.json"))));

        List<Campaign> campaigns = new PardotCampaignCosts(client, 2).readCampaigns();

        assertThat(campaigns).containsExactly(new Campaign("5001", "Spring webinar 2024", new BigDecimal("1500")),
                new Campaign("5002", "Trade show Example Expo", new BigDecimal("12000.5")),
                new Campaign("5003", "Website (organic)", null));
        assertThat(apiRequests()).hasSize(2);
        assertThat(apiRequests().get(1).queryParameter("limit").isPresent())
                .as("v5 takes no other parameter with a page token").isFalse();
        assertEveryApiCallCarries(FIRST_TOKEN);
    }

    @Test
    void aCostThatIsNotANumberIsAnErrorNamingTheCampaign() {
        stubToken();
        wireMock.stubFor(get(urlPathEqualTo(CAMPAIGNS)).willReturn(okJson("""
                {"nextPageToken": null, "nextPageUrl": null, "values": [{"id": 5009, "name": "Odd", "cost": "n/a"}]}""")));

        assertThatThrownBy(() -> new PardotCampaignCosts(client).readCampaigns())
                .isInstanceOf(SystemCallException.class).hasMessageContaining("campaign 5009")
                .hasMessageContaining("n/a");
    }

    @Test
    void aDailyLimitErrorPropagatesAsTheClassifiedFailure() {
        stubToken();
        wireMock.stubFor(get(urlPathEqualTo(CAMPAIGNS)).willReturn(pardotError(429, "error-122-daily-limit.json")));

        assertThatThrownBy(() -> new PardotCampaignCosts(client).readCampaigns())
                .isInstanceOf(SystemCallException.class).hasMessageContaining("query campaign")
                .hasMessageContaining("122");
    }
}
