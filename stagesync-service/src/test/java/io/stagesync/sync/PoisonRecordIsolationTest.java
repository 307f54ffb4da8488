package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record that cannot be applied (a 200 KB company name, a name too long to match by that the store refuses)
 * goes to the dead letters alone, with its payload and reason, at the first capture and at a later poll; the
 * rest of its page flows and the watermark moves past it; the same record failing again keeps one open letter,
 * and a fixed record resolves it. Salesforce ⇄ NetSuite on the shipped config, in-memory stand-ins.
 */
class PoisonRecordIsolationTest {
    private static final String HUGE_NAME = "Oversized Industries " + "x".repeat(200 * 1024);

    @TempDir
    Path dir;

    private StateStore store;
    private InMemorySystem salesforce;
    private InMemorySystem netsuite;
    private SyncEngine engine;

    @BeforeEach
    void start() {
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
        netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
        engine = ShippedConfig.engine(store, ShippedConfig.inMemory(salesforce, netsuite).build());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private List<DeadLetter> open() {
        return store.deadLetters().list(DeadLetter.Status.OPEN, 10);
    }

    private Map<String, Object> customerWithExternalId(String salesforceId) {
        return netsuite.all("customer").values().stream().filter(c -> salesforceId.equals(c.get("externalId")))
                .findFirst().orElse(null);
    }

    @Test
    void anAccountWithA200KbNameAtTheFirstCaptureIsDeadLetteredAndTheOthersSync() {
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd"));
        salesforce.put("Account", "2", Map.of("Name", HUGE_NAME, "Website", "https://oversized.example"));
        salesforce.put("Account", "3", Map.of("Name", "Sample Gears GmbH"));

        engine.initialCapture();
        engine.poll("salesforce");

        assertThat(customerWithExternalId("1")).containsEntry("companyName", "Example Analytics Ltd");
        assertThat(customerWithExternalId("3")).containsEntry("companyName", "Sample Gears GmbH");
        assertThat(customerWithExternalId("2")).as("the oversized account is not sent").isNull();
        assertThat(open()).singleElement().satisfies(letter -> {
            assertThat(letter.externalId()).isEqualTo("2");
            assertThat(letter.error()).contains("Name holds " + HUGE_NAME.length() + " characters")
                    .contains("stagesync.sync.max-value-chars");
            assertThat(letter.payload()).contains("Oversized Industries").contains("cut by stagesync")
                    .hasSizeLessThan(10_000);
            assertThat(letter.attempts()).as("read at the capture and again by the first poll: one letter, and the"
                    + " same version read again is no new attempt").isEqualTo(1);
        });
        assertThat(store.watermarks().get("salesforce", "Account")).as("the page is committed past it").isPresent();
        assertThat(store.xrefs().findByExternal("salesforce", "Account", "2")).as("nothing of it is stored").isEmpty();
    }

    @Test
    void anAccountWithA200KbNameInALaterPollIsDeadLetteredAndTheOthersSync() {
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd"));
        engine.initialCapture();
        engine.poll("salesforce");

        salesforce.put("Account", "2", Map.of("Name", HUGE_NAME));
        salesforce.put("Account", "3", Map.of("Name", "Sample Gears GmbH"));
        salesforce.put("Account", "1", Map.of("Phone", "+1 555 0100"));
        engine.poll("salesforce");

        assertThat(customerWithExternalId("1")).containsEntry("phone", "+1 555 0100");
        assertThat(customerWithExternalId("3")).containsEntry("companyName", "Sample Gears GmbH");
        assertThat(open()).singleElement().satisfies(letter -> {
            assertThat(letter.externalId()).isEqualTo("2");
            assertThat(letter.error()).contains("stagesync.sync.max-value-chars");
        });
        assertThat(store.watermarks().get("salesforce", "Account").orElseThrow().modstamp())
                .as("the watermark is past the poison record")
                .isAfter(salesforce.readRecord("Account", "2").orElseThrow().modstamp());
    }

    @Test
    void theSamePoisonRecordReadAgainUpdatesItsOneOpenLetterAndFixingItResolvesIt() {
        salesforce.put("Account", "2", Map.of("Name", HUGE_NAME));
        engine.poll("salesforce");
        long id = open().get(0).id();

        salesforce.put("Account", "2", Map.of("Phone", "+1 555 0199"));
        engine.poll("salesforce");

        assertThat(open()).singleElement().returns(id, DeadLetter::id).returns(2, DeadLetter::attempts);

        salesforce.put("Account", "2", Map.of("Name", "Oversized Industries"));
        engine.poll("salesforce");

        assertThat(open()).isEmpty();
        assertThat(store.deadLetters().find(id).orElseThrow()).returns(DeadLetter.Status.RESOLVED, DeadLetter::status)
                .satisfies(l -> assertThat(l.resolution()).contains("superseded").contains("applied without error"));
        assertThat(customerWithExternalId("2")).containsEntry("companyName", "Oversized Industries");
    }

    @Test
    void aRecordTheStoreRefusesForAnyReasonIsDeadLetteredWithItsCauseAndThePageGoesOn() {
        // 1,000 characters pass the value bound, but no match key is that long: the store refuses it, unforeseen
        String longName = "Long Name Holdings " + "y".repeat(1_000);
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd"));
        salesforce.put("Account", "2", Map.of("Name", longName));
        salesforce.put("Account", "3", Map.of("Name", "Sample Gears GmbH"));

        engine.initialCapture();
        engine.poll("salesforce");

        assertThat(customerWithExternalId("1")).isNotNull();
        assertThat(customerWithExternalId("3")).isNotNull();
        assertThat(open()).singleElement().satisfies(letter -> {
            assertThat(letter.externalId()).isEqualTo("2");
            assertThat(letter.error()).startsWith("salesforce Account 2 could not be applied: StoreException");
            assertThat(letter.payload()).contains(longName);
        });
        assertThat(store.watermarks().get("salesforce", "Account")).isPresent();
    }
}
