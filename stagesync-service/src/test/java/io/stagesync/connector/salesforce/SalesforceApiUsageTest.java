package io.stagesync.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.SystemCallException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The org's API usage from the {@code Sforce-Limit-Info: api-usage=used/allowed} header Salesforce puts on every
 * REST response: camel-salesforce copies {@code Sforce-*} response headers onto the message, and the client hands
 * each reading to its listener, also when the call failed.
 */
class SalesforceApiUsageTest {
    private final SalesforceTestBed bed = new SalesforceTestBed().stubLogin();

    @AfterEach
    void close() {
        bed.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "api-usage=18/15000                                    | 18    | 15000",
            "api-usage=25/5000, api-bursts=1/750                   | 25    | 5000",
            "per-app-api-usage=17/250(appName=sample),api-usage=9/100 | 9  | 100"})
    void theApiUsagePartIsRead(String header, long used, long allowed) {
        assertThat(SforceLimitInfo.apiUsage(header)).hasValueSatisfying(u -> assertThat(u).containsExactly(used, allowed));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {"per-app-api-usage=17/250(appName=sample)", "api-usage=abc/15000",
            "api-usage=5/0", "''"})
    void noApiUsagePartIsNothing(String header) {
        assertThat(SforceLimitInfo.apiUsage(header)).isEmpty();
        assertThat(SforceLimitInfo.apiUsage(null)).isEqualTo(Optional.empty());
    }

    @Test
    void eachResponsesHeaderReachesTheListenerAlsoWhenTheCallFails() {
        List<String> readings = new CopyOnWriteArrayList<>();
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)).inScenario("usage")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
                .willReturn(okJson(bed.fixture("query-empty.json")).withHeader("Sforce-Limit-Info", "api-usage=18/15000")));
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)).inScenario("usage")
                .whenScenarioStateIs("second").willSetStateTo("exceeded")
                .willReturn(okJson(bed.fixture("query-empty.json")).withHeader("Sforce-Limit-Info", "api-usage=19/15000")));
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)).inScenario("usage")
                .whenScenarioStateIs("exceeded").willReturn(aResponse().withStatus(403)
                        .withHeader("Content-Type", "application/json;charset=UTF-8")
                        .withHeader("Sforce-Limit-Info", "api-usage=15001/15000")
                        .withBody(bed.fixture("error-request-limit-exceeded.json"))));
        bed.startPasswordFlow();
        SalesforceClient client = new SalesforceClient(bed.camel(), SalesforceComponentFactory.DEFAULT_COMPONENT_NAME,
                CallPolicy.direct(), (system, used, allowed) -> readings.add(system + " " + used + "/" + allowed));

        client.query("Lead", "SELECT Id FROM Lead", 200);
        client.query("Lead", "SELECT Id FROM Lead", 200);
        assertThatThrownBy(() -> client.query("Lead", "SELECT Id FROM Lead", 200))
                .isInstanceOf(SystemCallException.class).hasMessageContaining("REQUEST_LIMIT_EXCEEDED");

        assertThat(readings).containsExactly("salesforce 18/15000", "salesforce 19/15000", "salesforce 15001/15000");
        client.close();
    }
}
