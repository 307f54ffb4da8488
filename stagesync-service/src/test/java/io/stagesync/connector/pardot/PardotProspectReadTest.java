package io.stagesync.connector.pardot;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.SystemRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * One prospect as Account Engagement holds it now (what a dead letter's replay applies):
 * {@code GET /api/v5/objects/prospects/{id}} with the fields of a query; error 192 means it is gone.
 */
class PardotProspectReadTest extends PardotWireMockTestBase {

    @Test
    void readsOneProspectByIdWithTheFieldsOfAQuery() {
        stubToken();
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS + "/1003")).willReturn(okJson("""
                {"id": 1003, "email": "ada@example.com", "firstName": "Ada", "lastName": "Example",
                 "company": "Example Analytics Ltd", "score": 72, "grade": "A", "campaignId": 7001,
                 "updatedAt": "2024-05-01T10:00:05-04:00", "Lifecycle_Stage__c": "MQL"}""")));
        PardotChangeReader reader = new PardotChangeReader(client);

        SystemRecord prospect = reader.readRecord(PardotChangeReader.PROSPECT, "1003").orElseThrow();

        assertThat(prospect.id()).isEqualTo("1003");
        assertThat(prospect.modstamp()).isEqualTo(Instant.parse("2024-05-01T14:00:05Z"));
        assertThat(prospect.fields()).containsEntry("Lifecycle_Stage__c", "MQL");
        wireMock.verify(getRequestedFor(urlPathEqualTo(PROSPECTS + "/1003"))
                .withQueryParam("fields", equalTo(String.join(",", reader.fields())))
                .withHeader("Pardot-Business-Unit-Id", equalTo(BUSINESS_UNIT_ID)));
    }

    @Test
    void aProspectThatDoesNotExistIsNotThere() {
        stubToken();
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS + "/1004")).willReturn(pardotError(404, "error-192-not-found.json")));

        assertThat(new PardotChangeReader(client).readRecord(PardotChangeReader.PROSPECT, "1004")).isEmpty();
    }

    @Test
    void anIdThatIsNotDigitsNeverReachesTheUrl() {
        assertThatThrownBy(() -> new PardotChangeReader(client).readRecord(PardotChangeReader.PROSPECT, "../campaigns"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(apiRequests()).isEmpty();
    }
}
