package io.stagesync.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.SystemRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One record as Salesforce holds it now (what a dead letter's replay applies): SOQL by Id, with the object's filter. */
class SalesforceRecordReadTest {
    private final SalesforceTestBed bed = new SalesforceTestBed().stubLogin();

    @AfterEach
    void close() {
        bed.close();
    }

    private SalesforceChangeReader reader() {
        return new SalesforceChangeReader(bed.startPasswordFlow(),
                Map.of("Lead", List.of("LastName", "Status"), "Account", List.of("Name", "Phone")),
                Map.of("Lead", Map.of("IsConverted", false)));
    }

    @Test
    void readsOneAccountByIdWithTheFieldsOfAChangeRead() {
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)).withQueryParam("q", equalTo(
                        "SELECT Id, SystemModstamp, Name, Phone FROM Account WHERE Id = '001XX0000000001AAA'"))
                .willReturn(okJson("""
                        {"totalSize": 1, "done": true, "records": [
                          {"attributes": {"type": "Account", "url": "/services/data/v62.0/sobjects/Account/001XX0000000001AAA"},
                           "Id": "001XX0000000001AAA", "SystemModstamp": "2026-11-20T10:00:05.000+0000",
                           "Name": "Example Analytics Ltd", "Phone": null}]}""")));

        SystemRecord record = reader().readRecord("Account", "001XX0000000001AAA").orElseThrow();

        assertThat(record.modstamp()).isEqualTo(Instant.parse("2026-11-20T10:00:05Z"));
        assertThat(record.fields()).containsEntry("Name", "Example Analytics Ltd").doesNotContainKey("attributes");
    }

    @Test
    void aLeadNoLongerMatchingItsFilterIsNotThere() {
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)).withQueryParam("q", equalTo(
                        "SELECT Id, SystemModstamp, LastName, Status FROM Lead WHERE IsConverted = false"
                                + " AND Id = '00QXX0000000001AAA'"))
                .willReturn(okJson("{\"totalSize\": 0, \"done\": true, \"records\": []}")));

        assertThat(reader().readRecord("Lead", "00QXX0000000001AAA")).isEmpty();
    }

    @Test
    void anIdThatIsNotARecordIdNeverReachesTheQuery() {
        assertThatThrownBy(() -> reader().readRecord("Account", "x' OR Name != '"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
