package io.stagesync.connector.netsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.SystemRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One record as NetSuite holds it now (what a dead letter's replay applies): one SuiteQL query by internal id. */
class NetSuiteRecordReadTest extends NetSuiteWireMockTestBase {
    private static final String SUITEQL = "/services/rest/query/v1/suiteql?limit=1&offset=0";

    private NetSuiteChangeReader reader() {
        return new NetSuiteChangeReader(client, ZoneOffset.UTC, Map.of("contact", List.of("custentity_stagesync_stage")));
    }

    @Test
    void readsOneCustomerByIdWithTheColumnsOfAChangeRead() {
        wireMock.stubFor(post(urlEqualTo(SUITEQL)).withRequestBody(equalToJson("{\"q\": \"SELECT id, entityid, "
                + "companyname, email, phone, url, entitystatus, externalid, TO_CHAR(lastmodifieddate, "
                + "'YYYY-MM-DD HH24:MI:SS') AS modstamp FROM customer WHERE id = 812\"}")).willReturn(okJson("""
                {"links": [], "count": 1, "hasMore": false, "offset": 0, "totalResults": 1, "items": [
                  {"links": [], "id": "812", "entityid": "Example Analytics", "companyname": "Example Analytics Ltd",
                   "email": null, "phone": "+1 555 0100", "url": "https://analytics.example", "entitystatus": "13",
                   "externalid": "001XX0000000001AAA", "modstamp": "2026-11-20 10:00:05"}]}""")));

        SystemRecord record = reader().readRecord("customer", "812").orElseThrow();

        assertThat(record.id()).isEqualTo("812");
        assertThat(record.modstamp()).isEqualTo(Instant.parse("2026-11-20T10:00:05Z"));
        assertThat(record.fields()).containsEntry("companyname", "Example Analytics Ltd")
                .doesNotContainKey("modstamp");
    }

    @Test
    void anOpportunityIsReadFromTransactionWithItsTypeAndAContactWithItsExtraColumn() {
        wireMock.stubFor(post(urlEqualTo(SUITEQL)).willReturn(okJson(
                "{\"links\": [], \"count\": 0, \"hasMore\": false, \"offset\": 0, \"totalResults\": 0, \"items\": []}")));

        assertThat(reader().readRecord("opportunity", "31")).as("no such record: empty").isEmpty();
        reader().readRecord("contact", "44");

        wireMock.verify(postRequestedFor(urlEqualTo(SUITEQL)).withRequestBody(equalToJson("{\"q\": \"SELECT id, title, "
                + "projectedtotal, expectedclosedate, entitystatus, entity, externalid, TO_CHAR(lastmodifieddate, "
                + "'YYYY-MM-DD HH24:MI:SS') AS modstamp FROM transaction WHERE type = 'Opprtnty' AND id = 31\"}")));
        wireMock.verify(postRequestedFor(urlEqualTo(SUITEQL)).withRequestBody(equalToJson("{\"q\": \"SELECT id, "
                + "firstname, lastname, email, phone, company, externalid, custentity_stagesync_stage, "
                + "TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS modstamp FROM contact WHERE id = 44\"}")));
    }

    @Test
    void anIdThatIsNotDigitsNeverReachesTheQuery() {
        assertThatThrownBy(() -> reader().readRecord("customer", "812 OR 1=1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }
}
