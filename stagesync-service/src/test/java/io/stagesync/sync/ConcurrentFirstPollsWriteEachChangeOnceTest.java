package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.netsuite.NetSuiteConnector;
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
 * The first sync after the initial capture: every system's poll reads everything, and the polls of
 * different systems run at once. A Salesforce page read before the NetSuite poll's write to those
 * same Salesforce records landed shows them as they were before it; applying it would plan the same
 * write again (the first sync sent one identical sObject Collections write twice), and its older values
 * could even win a "newest" field back for a moment. Such a read is skipped; the next poll reads the
 * records with the write in them, and each change is sent once.
 *
 * <p>Deterministic: the Salesforce reader takes its snapshot, then holds the page until the NetSuite
 * poll has written Salesforce. No sleeps.
 */
class ConcurrentFirstPollsWriteEachChangeOnceTest {
    @TempDir
    Path dir;

    private StateStore store;
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
    private final InMemorySystem netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
    private final HeldReader heldSalesforce = new HeldReader(salesforce);
    private SyncEngine engine;

    @BeforeEach
    void start() {
        StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        engine = new SyncEngine(config.model(), config.mappings(), store, Connectors.builder()
                .add("salesforce", heldSalesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, netsuite, NetSuiteConnector.DIALECT)
                .build(), new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        heldSalesforce.release.countDown();
        store.close();
    }

    @Test
    void aSalesforcePageReadBeforeTheNetSuitePollsWriteLandedSendsNothingAgain() throws Exception {
        netsuite.put("customer", "77", Map.of("companyName", "Acme", "url", "acme.example", "phone", "+1 555 0199",
                "entityStatus", "13"));
        salesforce.put("Account", "1", Map.of("Name", "Acme", "Website", "https://acme.example",
                "Lifecycle_Stage__c", "Customer"));
        salesforce.put("Account", "2", Map.of("Name", "Globex", "Website", "https://globex.example",
                "Lifecycle_Stage__c", "Customer"));
        engine.initialCapture();

        heldSalesforce.armed.set(true);
        CompletableFuture<Void> salesforcePoll = CompletableFuture.runAsync(() -> engine.poll("salesforce"));
        assertThat(heldSalesforce.read.await(30, TimeUnit.SECONDS)).as("the Salesforce poll read its accounts").isTrue();
        engine.poll("netsuite");
        assertThat(salesforce.writeLog()).as("the NetSuite poll linked and filled the Salesforce account")
                .containsExactly("Account Id=1 {Phone=+1 555 0199, NetSuite_Id__c=77}");
        heldSalesforce.release.countDown();
        salesforcePoll.get(30, TimeUnit.SECONDS);

        for (int i = 0; i < 2; i++) {
            engine.poll("salesforce");
            engine.poll("netsuite");
        }

        assertThat(salesforce.writeLog()).as("the Salesforce account is linked and filled once, not again")
                .filteredOn(w -> w.startsWith("Account Id=1 ")).hasSize(1);
        assertThat(salesforce.writeLog()).doesNotHaveDuplicates();
        assertThat(netsuite.writeLog()).as("the out-of-date read blanks nothing in NetSuite")
                .noneMatch(w -> w.contains("=null")).doesNotHaveDuplicates();
        assertThat(netsuite.all("customer")).as("Globex reached NetSuite once").hasSize(2);
        assertThat(salesforce.get("Account", "1")).containsEntry("Phone", "+1 555 0199").containsEntry("NetSuite_Id__c", "77");
    }

    /** A reader that, once armed, takes its snapshot and then holds the pages until released. */
    private static final class HeldReader implements ChangeReader {
        private final ChangeReader delegate;
        final AtomicBoolean armed = new AtomicBoolean();
        final CountDownLatch read = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        HeldReader(ChangeReader delegate) {
            this.delegate = delegate;
        }

        @Override
        public void readChanges(String objectType, ChangePosition after, int pageSize, PageConsumer consumer) {
            if (!"Account".equals(objectType) || !armed.compareAndSet(true, false)) {
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
                if (!release.await(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
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
