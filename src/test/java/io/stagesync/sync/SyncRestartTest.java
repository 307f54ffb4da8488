package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.WriteDialect;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
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
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", WriteDialect.SALESFORCE);
    private final InMemorySystem netsuite = new InMemorySystem("netsuite", WriteDialect.NETSUITE);

    private SyncEngine engine(StateStore store, ChangeReader salesforceReader) {
        Connectors connectors = Connectors.builder()
                .add("salesforce", salesforceReader, salesforce, WriteDialect.SALESFORCE)
                .add("netsuite", netsuite, netsuite, WriteDialect.NETSUITE)
                .build();
        return new SyncEngine(config.model(), config.mappings(), store, connectors, new SyncSettings(2, "42"),
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

        try (StateStore store = StateStore.open(StoreSettings.h2Default(dir))) {
            assertThatThrownBy(() -> engine(store, dyingAfter(1)).poll("salesforce")).isInstanceOf(SystemCallException.class);
            assertThat(store.watermarks().get("salesforce", "Account")).hasValueSatisfying(w -> {
                assertThat(w.modstamp()).isEqualTo(same);
                assertThat(w.lastId()).isEqualTo(String.format("%020d", 2));
            });
            assertThat(netsuite.all("customer")).hasSize(2);
        }

        try (StateStore store = StateStore.open(StoreSettings.h2Default(dir))) {
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
    void aPageWhoseWritesFailedIsReadAgainAndWrittenOnce() {
        salesforce.put("Account", "1", Map.of("Name", "Example Company"));
        AtomicInteger failures = new AtomicInteger(1);
        InMemorySystem flakyNetsuite = netsuite;
        ChangeReader reader = salesforce;
        try (StateStore store = StateStore.open(StoreSettings.h2Default(dir))) {
            Connectors connectors = Connectors.builder()
                    .add("salesforce", reader, salesforce, WriteDialect.SALESFORCE)
                    .add("netsuite", flakyNetsuite, (type, keyField, requests) -> {
                        if (failures.getAndDecrement() > 0) {
                            throw new SystemCallException("netsuite", "upsert", 503, null, "unavailable", null, true,
                                    null, null);
                        }
                        return flakyNetsuite.upsert(type, keyField, requests);
                    }, WriteDialect.NETSUITE)
                    .build();
            SyncEngine engine = new SyncEngine(config.model(), config.mappings(), store, connectors,
                    new SyncSettings(50, "42"), Clock.systemUTC());

            assertThatThrownBy(() -> engine.poll("salesforce")).isInstanceOf(SystemCallException.class);
            assertThat(store.watermarks().get("salesforce", "Account")).as("not committed").isEmpty();

            engine.poll("salesforce");
            engine.poll("salesforce");
        }

        assertThat(netsuite.all("customer")).hasSize(1);
        assertThat(netsuite.writeLog()).filteredOn(w -> w.startsWith("customer ")).hasSize(1);
    }
}
