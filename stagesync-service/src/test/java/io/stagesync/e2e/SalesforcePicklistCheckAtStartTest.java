package io.stagesync.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code run} against a new Salesforce org (its Lead Status picklist has only the four default
 * values): right after start it reads the org's picklists through sObject Describe and logs, as WARN
 * lines naming object, field and value, each stage value the shipped mapping writes that the org
 * lacks, while the service keeps running.
 */
class SalesforcePicklistCheckAtStartTest {
    @TempDir
    Path dir;

    private SalesforceNetSuiteHarness harness;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.stagesync.app.StagePicklistReport");

    @BeforeEach
    void setUp() throws Exception {
        log.start();
        logger.addAppender(log);
        harness = new SalesforceNetSuiteHarness(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
        logger.detachAppender(log);
    }

    private List<String> warnings() {
        synchronized (log.list) {
            return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Test
    void theLeadStatusValuesANewOrgLacksAreNamedAtStart() throws Exception {
        harness.salesforce.stubFor(get(urlPathMatching(SalesforceNetSuiteHarness.SF_API + "/sobjects/Lead/describe/?"))
                .willReturn(okJson(SalesforceNetSuiteHarness.fixture("salesforce/describe-lead-new-org.json"))));
        harness.salesforce.stubFor(get(urlPathMatching(SalesforceNetSuiteHarness.SF_API + "/sobjects/Opportunity/describe/?"))
                .willReturn(okJson(SalesforceNetSuiteHarness.fixture("salesforce/describe-opportunity-new-org.json"))));

        harness.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(warnings())
                .anySatisfy(w -> assertThat(w).startsWith("stage mapping vs the Salesforce org (writes will be refused): "
                        + "salesforce Lead.Status: value 'Marketing Qualified' (written for MQL) is not in the org's picklist"))
                .anySatisfy(w -> assertThat(w).contains("salesforce Lead.Status: value 'Sales Qualified' (written for SQL)"))
                .anySatisfy(w -> assertThat(w).contains("salesforce Lead.Status: value 'Nurturing' (written for NURTURE)")));
        assertThat(warnings()).as("the Opportunity stages are all in a new org").noneMatch(w -> w.contains("Opportunity.StageName"));
        harness.salesforce.verify(1, getRequestedFor(urlPathMatching(SalesforceNetSuiteHarness.SF_API
                + "/sobjects/Lead/describe/?")));
        assertThat(harness.app().poller()).as("the service runs on").isNotNull();
    }
}
