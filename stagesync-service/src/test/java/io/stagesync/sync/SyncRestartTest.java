package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping after a page and starting again (a new engine on the same database): nothing is
 * processed twice and nothing is skipped, also when records share a modstamp across the page
 * boundary.
 */
class SyncRestartTest {
    @TempDir
    Path dir;

    private final StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
    private final InMemorySystem netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);

    private SyncEngine engine(StateStore store, ChangeReader salesforceReader) {
        Connectors connectors = Connectors.builder()
                .add("salesforce", salesforceReader, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, netsuite, NetSuiteConnector.DIALECT)
                .build();
        return new SyncEngine(config.model(), config.mappings(), store, connectors, new SyncSettings(2, "42", SystemConnectors.installed().lookBackDefaults()),
                Clock.systemUTC());
    }

    /** A reader that dies (as the process would) after handing over {@code pages} pages. */
    private ChangeReader dyingAfter(int pages) {
        AtomicInteger handed = new AtomicInteger();
        return (objectType, after, pageSize, consumer) -> salesforce.readChanges(objectType, after, pageSize,
                (page, end) -> {
                    if (handed.getAndIncrement() == pages) {
                        throw new SystemCallException("salesforce", "query", 0, null, "process killed", null, true,
                                null, null);
                    }
                    return consumer.accept(page, end);
                });
    }

    @Test
    void aRestartAfterAPageProcessesNothingTwiceAndSkipsNothingEvenWithEqualTimestamps() {
        Instant same = Instant.parse("2026-11-20T10:00:00Z");
        for (int i = 1; i <= 5; i++) {
            salesforce.putAt("Account", String.valueOf(i), same, Map.of("Name", "Example Company " + i));
        }

        try (StateStore store = JdbcStateStore.open(StoreSettings.h2Default(dir))) {
            assertThatThrownBy(() -> engine(store, dyingAfter(1)).poll("salesforce")).isInstanceOf(SystemCallException.class);
            assertThat(store.watermarks().get("salesforce", "Account")).hasValueSatisfying(w -> {
                assertThat(w.modstamp()).isEqualTo(same);
                assertThat(w.lastId()).isEqualTo(String.format("%020d", 2));
            });
            assertThat(netsuite.all("customer")).hasSize(2);
        }

        try (StateStore store = JdbcStateStore.open(StoreSettings.h2Default(dir))) {
            engine(store, salesforce).poll("salesforce");
            engine(store, salesforce).poll("salesforce");
        }

        assertThat(netsuite.all("customer")).hasSize(5);
        assertThat(netsuite.writeLog()).filteredOn(w -> w.startsWith("customer externalId="))
                .extracting(w -> w.substring(0, w.indexOf(' ', "customer externalId=".length())))
                .containsExactly("customer externalId=1", "customer externalId=2", "customer externalId=3",
                        "customer externalId=4", "customer externalId=5");
    }

    @Test
    void aPageWhoseWriteFailedAsAWholeIsCommittedAndTheHeldWriteIsSentOnceAfterARestart() {
        salesforce.put("Account", "1", Map.of("Name", "Example Company"));
        AtomicInteger failures = new AtomicInteger(1);
        InMemorySystem flakyNetsuite = netsuite;
        ChangeReader reader = salesforce;
        try (StateStore store = JdbcStateStore.open(StoreSettings.h2Default(dir))) {
            Connectors connectors = Connectors.builder()
                    .add("salesforce", reader, salesforce, SalesforceConnector.DIALECT)
                    .add("netsuite", flakyNetsuite, (type, keyField, requests) -> {
                        if (failures.getAndDecrement() > 0) {
                            throw new SystemCallException("netsuite", "upsert", 503, null, "unavailable", null, true,
                                    null, null);
                        }
                        return flakyNetsuite.upsert(type, keyField, requests);
                    }, NetSuiteConnector.DIALECT)
                    .build();
            SyncEngine engine = new SyncEngine(config.model(), config.mappings(), store, connectors,
                    new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC());

            engine.poll("salesforce");
            assertThat(store.watermarks().get("salesforce", "Account")).as("committed: the write is held")
                    .isPresent();
            assertThat(store.outbox().counts()).containsExactly(java.util.Map.entry("netsuite", 1));
        }
        try (StateStore store = JdbcStateStore.open(StoreSettings.h2Default(dir))) {
            SyncEngine engine = new SyncEngine(config.model(), config.mappings(), store, Connectors.builder()
                    .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                    .add("netsuite", netsuite, netsuite, NetSuiteConnector.DIALECT)
                    .build(), new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC());
            engine.poll("netsuite");
            engine.poll("salesforce");
            engine.poll("netsuite");
            assertThat(store.outbox().counts()).isEmpty();
        }

        assertThat(netsuite.all("customer")).hasSize(1);
        assertThat(netsuite.writeLog()).filteredOn(w -> w.startsWith("customer ")).hasSize(1);
    }
}
