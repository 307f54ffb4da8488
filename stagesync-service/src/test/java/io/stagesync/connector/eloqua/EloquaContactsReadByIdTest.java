package io.stagesync.connector.eloqua;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.SystemRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Eloqua contacts read by id as they are now (what {@code reconcile} compares): one {@code GET
 * /data/contact/{id}?depth=complete} each, a contact Eloqua answers 404 for left out, any other failure thrown;
 * single-record reads for a dead letter's replay stay unsupported (they would lack the lead score fields).
 */
class EloquaContactsReadByIdTest extends EloquaWireMockTestBase {
    private EloquaChangeReader reader() {
        return new EloquaChangeReader(client, new EloquaFieldMetadata(client), null);
    }

    @Test
    void eachContactIsReadAsItIsNowAndOneEloquaNoLongerHasIsLeftOut() {
        stubDiscovery();
        stubContactFields();
        pod.stubFor(get(urlEqualTo(CONTACT + "/1007?depth=complete")).willReturn(okJson(fixture("contact-1007.json"))));
        pod.stubFor(get(urlEqualTo(CONTACT + "/999?depth=complete")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("[]")));

        List<SystemRecord> records = reader().readRecords("contact", List.of("1007", "999", "1007"));

        assertThat(records).extracting(SystemRecord::id).containsExactly("1007");
        assertThat(records.get(0).fields()).containsEntry("emailAddress", "jane.roe@example.com");
        pod.verify(1, getRequestedFor(urlEqualTo(CONTACT + "/1007?depth=complete")));
    }

    @Test
    void aFailureOtherThanNotFoundIsThrownAndSingleReadsStayUnsupported() {
        stubDiscovery();
        stubContactFields();
        pod.stubFor(get(urlPathMatching(CONTACT + "/1007")).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> reader().readRecords("contact", List.of("1007")))
                .isInstanceOfSatisfying(SystemCallException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> reader().readRecords("contact", List.of("1 OR 1=1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader().readRecord("contact", "1007"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
