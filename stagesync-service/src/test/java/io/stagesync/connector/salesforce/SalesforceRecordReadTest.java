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

/**
 * Records as Salesforce holds them now: one by Id (what a dead letter's replay applies) and several by {@code Id IN}
 * (what a streamed change applies), with the object's filter, every page read, in (SystemModstamp, Id) order.
 */
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
    void readsSeveralLeadsByIdsInOneQueryWithTheFilterAndEveryPage() {
        String ids = "'00QXX0000000001AAA', '00QXX0000000002AAA', '00QXX0000000003AAA'";
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)).withQueryParam("q", equalTo(
                        "SELECT Id, SystemModstamp, LastName, Status FROM Lead WHERE IsConverted = false AND Id IN ("
                                + ids + ") ORDER BY SystemModstamp, Id"))
                .willReturn(okJson("""
                        {"totalSize": 2, "done": false,
                         "nextRecordsUrl": "/services/data/v62.0/query/01gXX0000000001AAA-1",
                         "records": [
                          {"attributes": {"type": "Lead", "url": "/services/data/v62.0/sobjects/Lead/00QXX0000000002AAA"},
                           "Id": "00QXX0000000002AAA", "SystemModstamp": "2026-11-20T10:00:01.000+0000",
                           "LastName": "Two", "Status": "Open"}]}""")));
        bed.server.stubFor(get(urlPathEqualTo("/services/data/v62.0/query/01gXX0000000001AAA-1"))
                .willReturn(okJson("""
                        {"totalSize": 2, "done": true, "records": [
                          {"attributes": {"type": "Lead", "url": "/services/data/v62.0/sobjects/Lead/00QXX0000000001AAA"},
                           "Id": "00QXX0000000001AAA", "SystemModstamp": "2026-11-20T10:00:02.000+0000",
                           "LastName": "One", "Status": "Working"}]}""")));

        List<SystemRecord> records = reader().readRecords("Lead", List.of("00QXX0000000001AAA", "00QXX0000000002AAA",
                "00QXX0000000003AAA", "00QXX0000000001AAA"));

        assertThat(records).extracting(SystemRecord::id).containsExactly("00QXX0000000002AAA", "00QXX0000000001AAA");
        assertThat(records.get(1).fields()).containsEntry("Status", "Working");
    }

    @Test
    void moreThanTwoHundredIdsAreReadInQueriesOfTwoHundred() {
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.QUERY_PATH))
                .willReturn(okJson("{\"totalSize\": 0, \"done\": true, \"records\": []}")));
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 450; i++) {
            ids.add(String.format("001XX%010dAAA", i));
        }

        assertThat(reader().readRecords("Account", ids)).isEmpty();

        var queries = bed.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo(SalesforceTestBed.QUERY_PATH)));
        assertThat(queries).hasSize(3).allSatisfy(q -> assertThat(q.queryParameter("q").firstValue())
                .contains("Id IN (").endsWith("ORDER BY SystemModstamp, Id"));
        assertThat(queries.get(0).queryParameter("q").firstValue().split("'001XX").length - 1).isEqualTo(200);
        assertThat(queries.get(2).queryParameter("q").firstValue().split("'001XX").length - 1).isEqualTo(50);
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
