package io.stagesync.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which deleted Salesforce records were merged, and into what: {@code queryAll} (the recycle bin too) for
 * {@code IsDeleted = true} records among the ids, their {@code MasterRecordId} naming the survivor; a record purged
 * or deleted without a merge is not in the answer; objects Salesforce never merges are not asked about.
 */
class SalesforceMergedRecordsReadTest {
    private static final String QUERY_ALL_PATH = "/services/data/v62.0/queryAll/";

    private final SalesforceTestBed bed = new SalesforceTestBed().stubLogin();

    @AfterEach
    void close() {
        bed.close();
    }

    private SalesforceChangeReader reader() {
        return new SalesforceChangeReader(bed.startPasswordFlow(),
                Map.of("Account", List.of("Name"), "Opportunity", List.of("Name")));
    }

    @Test
    void deletedAccountsNameTheAccountTheyWereMergedIntoAndAPlainDeletionNone() {
        bed.server.stubFor(get(urlPathEqualTo(QUERY_ALL_PATH)).withQueryParam("q", equalTo(
                        "SELECT Id, MasterRecordId FROM Account WHERE IsDeleted = true"
                                + " AND Id IN ('001XX0000000002AAA', '001XX0000000003AAA', '001XX0000000004AAA')"))
                .willReturn(okJson("""
                        {"totalSize": 2, "done": true, "records": [
                          {"attributes": {"type": "Account", "url": "/services/data/v62.0/sobjects/Account/001XX0000000002AAA"},
                           "Id": "001XX0000000002AAA", "MasterRecordId": "001XX0000000001AAA"},
                          {"attributes": {"type": "Account", "url": "/services/data/v62.0/sobjects/Account/001XX0000000003AAA"},
                           "Id": "001XX0000000003AAA", "MasterRecordId": null}]}""")));

        Map<String, String> merged = reader().mergedInto("Account",
                List.of("001XX0000000002AAA", "001XX0000000003AAA", "001XX0000000004AAA"));

        assertThat(merged).containsExactly(Map.entry("001XX0000000002AAA", "001XX0000000001AAA"));
        assertThat(bed.server.findAll(getRequestedFor(urlPathEqualTo(QUERY_ALL_PATH)))).hasSize(1);
    }

    @Test
    void opportunitiesAreNeverMergedSoNothingIsAsked() {
        assertThat(reader().mergedInto("Opportunity", List.of("006XX0000000001AAA"))).isEmpty();

        assertThat(bed.server.findAll(getRequestedFor(urlPathEqualTo(QUERY_ALL_PATH)))).isEmpty();
    }
}
