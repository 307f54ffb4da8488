package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.pardot.PardotConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person edited in Salesforce (phone) and in Account Engagement (first name) within one poll interval,
 * the two polls overlapping: Salesforce's poll reads the contact, then Pardot's poll applies the new first
 * name and writes it to Salesforce, then Salesforce's poll applies what it had read, which still shows the
 * old first name. That read predates stagesync's write, so it is no change back: each new value reaches each
 * system exactly once and no stale value is ever sent.
 *
 * <p>Deterministic: Salesforce's reader holds its Contact page (already read) on a latch while the test runs
 * Pardot's poll to the end on its own thread, then lets it go. No sleeps.
 */
class ConcurrentEditsSendNoStaleValueTest {
    @TempDir
    Path dir;

    private StateStore store;
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
    private final InMemorySystem netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
    private final InMemorySystem pardot = new InMemorySystem("pardot", PardotConnector.DIALECT);
    private final HeldReader heldSalesforce = new HeldReader(salesforce, "Contact");
    private SyncEngine engine;

    @BeforeEach
    void start() {
        StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        engine = new SyncEngine(config.model(), config.mappings(), store, Connectors.builder()
                .add("salesforce", heldSalesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, netsuite, NetSuiteConnector.DIALECT)
                .add("pardot", pardot, pardot, PardotConnector.DIALECT)
                .build(), new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        heldSalesforce.release.countDown();
        store.close();
    }

    private void syncAll() {
        for (int i = 0; i < 2; i++) {
            engine.poll("pardot");
            engine.poll("salesforce");
            engine.poll("netsuite");
        }
    }

    @Test
    void aReadThatPredatesStagesyncsWriteIsNotTakenForAChangeBack() throws Exception {
        salesforce.put("Contact", "0031", Map.of("FirstName", "Ada", "LastName", "Example", "Email", "ada@example.com",
                "Phone", "+1 555 0100", "HasOptedOutOfEmail", false, "Lifecycle_Stage__c", "Lost",
                "Loss_Reason__c", "Chose a competitor"));
        syncAll();
        String prospect = pardot.all("prospect").keySet().iterator().next();
        String contact = netsuite.all("contact").keySet().iterator().next();
        int[] before = {salesforce.writeLog().size(), netsuite.writeLog().size(), pardot.writeLog().size()};

        // marketing fixes the first name; a little later a rep changes the phone
        pardot.advance(Duration.ofHours(1));
        pardot.put("prospect", prospect, Map.of("firstName", "Adah"));
        salesforce.advance(Duration.ofHours(2));
        salesforce.put("Contact", "0031", Map.of("Phone", "+1 555 0199"));

        heldSalesforce.armed.set(true);
        CompletableFuture<Void> salesforcePoll = CompletableFuture.runAsync(() -> engine.poll("salesforce"));
        assertThat(heldSalesforce.read.await(30, TimeUnit.SECONDS)).as("Salesforce's poll read the contact").isTrue();
        engine.poll("pardot");
        assertThat(salesforce.get("Contact", "0031")).as("Pardot's poll wrote the new first name to Salesforce")
                .containsEntry("FirstName", "Adah");
        heldSalesforce.release.countDown();
        salesforcePoll.get(30, TimeUnit.SECONDS);
        syncAll();

        List<String> toSalesforce = salesforce.writeLog().subList(before[0], salesforce.writeLog().size());
        List<String> toNetSuite = netsuite.writeLog().subList(before[1], netsuite.writeLog().size());
        List<String> toPardot = pardot.writeLog().subList(before[2], pardot.writeLog().size());
        assertThat(toPardot).as("Pardot gets the new phone, once, and nothing else").singleElement()
                .satisfies(w -> assertThat(w).contains("phone=+1 555 0199").doesNotContain("firstName"));
        assertThat(toSalesforce).as("Salesforce gets the new first name, once").singleElement()
                .satisfies(w -> assertThat(w).contains("FirstName=Adah").doesNotContain("Phone"));
        assertThat(toNetSuite).as("NetSuite gets each new value once")
                .filteredOn(w -> w.contains("firstName=Adah")).hasSize(1);
        assertThat(toNetSuite).filteredOn(w -> w.contains("phone=+1 555 0199")).hasSize(1);
        assertThat(String.join("\n", toSalesforce) + String.join("\n", toNetSuite) + String.join("\n", toPardot))
                .as("no stale value is ever sent").doesNotContain("irstName=Ada,").doesNotContain("irstName=Ada}")
                .doesNotContain("hone=+1 555 0100");
        assertThat(pardot.get("prospect", prospect)).containsEntry("firstName", "Adah").containsEntry("phone", "+1 555 0199");
        assertThat(netsuite.get("contact", contact)).containsEntry("firstName", "Adah").containsEntry("phone", "+1 555 0199");
        assertThat(salesforce.get("Contact", "0031")).containsEntry("FirstName", "Adah").containsEntry("Phone", "+1 555 0199");
    }

    /**
     * A reader that, once armed, reads the armed object's page and holds it on a latch before handing it on
     * (a SaaS answer already received, its records not applied yet).
     */
    private static final class HeldReader implements ChangeReader {
        private final ChangeReader delegate;
        private final String object;
        final AtomicBoolean armed = new AtomicBoolean();
        final CountDownLatch read = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        HeldReader(ChangeReader delegate, String object) {
            this.delegate = delegate;
            this.object = object;
        }

        @Override
        public void readChanges(String objectType, ChangePosition after, int pageSize, PageConsumer consumer) {
            if (!objectType.equals(object) || !armed.compareAndSet(true, false)) {
                delegate.readChanges(objectType, after, pageSize, consumer);
                return;
            }
            List<List<SystemRecord>> pages = new ArrayList<>();
            List<ChangePosition> ends = new ArrayList<>();
            delegate.readChanges(objectType, after, pageSize, (page, end) -> {
                pages.add(page);
                ends.add(end);
                return true;
            });
            read.countDown();
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the held read");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            for (int i = 0; i < pages.size(); i++) {
                if (!consumer.accept(pages.get(i), ends.get(i))) {
                    return;
                }
            }
        }
    }
}
