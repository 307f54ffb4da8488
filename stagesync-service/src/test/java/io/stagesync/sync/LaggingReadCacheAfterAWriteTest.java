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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Account Engagement answers queries from a cache that can lag writes by about a minute, so the look-back
 * window may read a prospect again as it was before stagesync's write. That version was handled already:
 * it is not taken for a change back, and the value is not written to it once more at every poll.
 */
class LaggingReadCacheAfterAWriteTest {
    @TempDir
    Path dir;

    private StateStore store;
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
    private final InMemorySystem netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
    private final InMemorySystem pardot = new InMemorySystem("pardot", PardotConnector.DIALECT);
    private final CachedReader cachedPardot = new CachedReader(pardot);
    private SyncEngine engine;

    @BeforeEach
    void start() {
        StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        engine = new SyncEngine(config.model(), config.mappings(), store, Connectors.builder()
                .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, netsuite, NetSuiteConnector.DIALECT)
                .add("pardot", cachedPardot, pardot, PardotConnector.DIALECT)
                .build(), new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
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
    void aProspectReadAgainAsItWasBeforeStagesyncsWriteCausesNoFurtherWrite() {
        salesforce.put("Contact", "0031", Map.of("FirstName", "Ada", "LastName", "Example", "Email", "ada@example.com",
                "Phone", "+1 555 0100", "HasOptedOutOfEmail", false, "Lifecycle_Stage__c", "Lost",
                "Loss_Reason__c", "Chose a competitor"));
        syncAll();
        String prospect = pardot.all("prospect").keySet().iterator().next();
        int before = pardot.writeLog().size();

        cachedPardot.freeze();
        salesforce.advance(Duration.ofHours(1));
        salesforce.put("Contact", "0031", Map.of("Phone", "+1 555 0199"));
        syncAll();
        syncAll();

        assertThat(cachedPardot.served).as("the cache served the prospect as it was before the write").isPositive();
        assertThat(pardot.writeLog().subList(before, pardot.writeLog().size())).as("the new phone, once")
                .singleElement().satisfies(w -> assertThat(w).contains("phone=+1 555 0199"));
        assertThat(pardot.get("prospect", prospect)).containsEntry("phone", "+1 555 0199");
    }

    /** A reader that, once frozen, answers from what the system held at that moment (a lagging cache). */
    private static final class CachedReader implements ChangeReader {
        private final InMemorySystem delegate;
        private final Map<String, List<SystemRecord>> cache = new java.util.HashMap<>();
        private boolean frozen;
        int served;

        CachedReader(InMemorySystem delegate) {
            this.delegate = delegate;
        }

        void freeze() {
            List<SystemRecord> all = new ArrayList<>();
            delegate.readChanges("prospect", null, 1000, (page, end) -> all.addAll(page));
            cache.put("prospect", all);
            frozen = true;
        }

        @Override
        public void readChanges(String objectType, ChangePosition after, int pageSize, PageConsumer consumer) {
            if (!frozen) {
                delegate.readChanges(objectType, after, pageSize, consumer);
                return;
            }
            List<SystemRecord> page = cache.getOrDefault(objectType, List.of()).stream()
                    .filter(r -> after == null || r.modstamp().isAfter(after.modstamp())
                            || (r.modstamp().equals(after.modstamp()) && cursor(r).compareTo(after.cursor()) > 0))
                    .toList();
            if (!page.isEmpty()) {
                served += page.size();
                SystemRecord last = page.get(page.size() - 1);
                consumer.accept(page, new ChangePosition(last.modstamp(), cursor(last)));
            }
        }

        private static String cursor(SystemRecord record) {
            return String.format("%020d", Long.parseLong(record.id().replaceAll("\\D", "")));
        }
    }
}
