package io.stagesync.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.stagesync.store.DeadLetter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * One oversized record (a NetSuite customer whose name is 200 KB) through the real application and the real
 * NetSuite connector: at the first capture and in a later poll it becomes one dead letter while the other
 * customers reach Salesforce, it stays one letter while it is read again poll after poll, and the log shows one
 * line for it: no ERROR from Camel's error handler, no stack trace.
 */
class PoisonRecordEndToEndTest {
    private static final String SF_ACCOUNTS = SalesforceNetSuiteHarness.SF_API + "/composite/sobjects/Account/NetSuite_Id__c";
    private static final String HUGE_NAME = "Oversized Industries " + "x".repeat(200 * 1024);

    @TempDir
    Path dir;

    private SalesforceNetSuiteHarness harness;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void listen() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void tearDown() throws Exception {
        root.detachAppender(log);
        if (harness != null) {
            harness.close();
        }
    }

    private static String customer(String id, String stamp, String name) {
        return """
                {"links": [], "id": "%s", "entityid": "C%1$s", "companyname": "%s", "email": null, "phone": null,
                 "url": null, "entitystatus": "13", "externalid": null, "modstamp": "%s"}""".formatted(id, name, stamp);
    }

    /** A SuiteQL answer to the customer query after a position, once, in scenario state {@code state}. */
    private void changedAfterPosition(String state, String next, String... items) {
        harness.netsuite.stubFor(post(urlPathEqualTo("/services/rest/query/v1/suiteql")).atPriority(1)
                .inScenario("customers").whenScenarioStateIs(state).willSetStateTo(next)
                .withRequestBody(matchingJsonPath("$.q", containing("FROM customer ")))
                .withRequestBody(matchingJsonPath("$.q", containing("lastmodifieddate >")))
                .willReturn(okJson("{\"links\": [], \"count\": " + items.length + ", \"hasMore\": false, \"items\": ["
                        + String.join(",", items) + "], \"offset\": 0, \"totalResults\": " + items.length + "}")));
    }

    /** Waits until the other customers reached Salesforce and the poison letter was read again {@code reads} times. */
    private DeadLetter awaitFlowAndLetter(int reads, String... names) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (String name : names) {
                assertThat(harness.salesforce.findAll(patchRequestedFor(urlPathEqualTo(SF_ACCOUNTS))
                        .withRequestBody(containing(name)))).as(name + " reached Salesforce").isNotEmpty();
            }
            assertThat(harness.store().deadLetters().list(null, 10)).singleElement()
                    .satisfies(d -> assertThat(d.attempts()).isGreaterThanOrEqualTo(reads));
        });
        return harness.store().deadLetters().list(null, 10).get(0);
    }

    private void assertOneQuietLineForThePoisonRecord() {
        List<ILoggingEvent> events = List.copyOf(log.list);
        assertThat(events).as("no ERROR (Camel's DefaultErrorHandler logs a failed exchange at ERROR)")
                .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
        assertThat(events).as("no stack trace at WARN or above")
                .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN) && e.getThrowableProxy() != null);
        assertThat(events).filteredOn(e -> e.getFormattedMessage().contains("netsuite customer 666"))
                .as("one line for the poison record, however often it is read").hasSize(1)
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).contains("dead letter").hasSizeLessThan(2_000));
        assertThat(harness.salesforce.findAll(patchRequestedFor(urlPathEqualTo(SF_ACCOUNTS))
                .withRequestBody(containing("Oversized Industries")))).as("never sent").isEmpty();
    }

    @Test
    void aCustomerWithA200KbNameAtTheFirstCaptureIsOneDeadLetterWhileTheOthersSync() throws Exception {
        harness = new SalesforceNetSuiteHarness(dir);
        harness.suiteQl("customer", null, List.of(customer("647", "2026-11-20 10:00:00", "Example Analytics Ltd"),
                customer("666", "2026-11-20 10:00:01", HUGE_NAME),
                customer("648", "2026-11-20 10:00:02", "Sample Gears GmbH")));

        harness.start();

        // read at the capture and again by every poll: the same version read again is no new attempt
        DeadLetter letter = awaitFlowAndLetter(1, "Example Analytics Ltd", "Sample Gears GmbH");
        assertThat(letter).returns("netsuite", DeadLetter::system).returns("666", DeadLetter::externalId)
                .returns(DeadLetter.Status.OPEN, DeadLetter::status);
        assertThat(letter.error()).contains("companyName holds " + HUGE_NAME.length() + " characters");
        assertThat(letter.payload()).contains("Oversized Industries").contains("cut by stagesync");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(harness.store().watermarks()
                .get("netsuite", "customer")).as("the page is committed past it").isPresent());
        int reads = customerQueries();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(customerQueries())
                .as("the poison record read again by later polls (look-back)").isGreaterThanOrEqualTo(reads + 2));
        assertThat(harness.store().deadLetters().list(null, 10)).as("still one letter").singleElement();
        assertOneQuietLineForThePoisonRecord();
    }

    private int customerQueries() {
        return harness.netsuite.findAll(postRequestedFor(urlPathEqualTo("/services/rest/query/v1/suiteql"))
                .withRequestBody(matchingJsonPath("$.q", containing("FROM customer ")))).size();
    }

    @Test
    void aCustomerWithA200KbNameInALaterPollIsOneDeadLetterWhileTheOthersSyncPollAfterPoll() throws Exception {
        harness = new SalesforceNetSuiteHarness(dir);
        harness.suiteQl("customer", null, List.of(customer("647", "2026-11-20 10:00:00", "Example Analytics Ltd")));
        // the next poll reads the poison record and a good one; the poll after, the poison record touched again
        // (still oversized) and another good one; then nothing changes any more
        changedAfterPosition(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED, "touched", customer("666", "2026-11-20 11:00:00", HUGE_NAME),
                customer("648", "2026-11-20 11:00:01", "Sample Gears GmbH"));
        changedAfterPosition("touched", "done", customer("666", "2026-11-20 12:00:00", HUGE_NAME + " Group"),
                customer("649", "2026-11-20 12:00:01", "Third Example Co"));

        harness.start();

        DeadLetter letter = awaitFlowAndLetter(2, "Example Analytics Ltd", "Sample Gears GmbH", "Third Example Co");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(harness.store().deadLetters().list(null, 10)).as("still one letter").hasSize(1));
        assertThat(letter).returns("666", DeadLetter::externalId).returns(DeadLetter.Status.OPEN, DeadLetter::status);
        assertThat(harness.app().poller().lastError("netsuite")).as("the polls themselves succeed").isNull();
        assertOneQuietLineForThePoisonRecord();
    }
}
