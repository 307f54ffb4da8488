package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.model.SystemObject;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.RecordStore;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreException;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender stores the outcome of a whole call batch in one unit of work (see {@link Sender}); when that unit fails
 * because of one record (here the store refuses to save what was written to it), the unit is rolled back and the
 * batch remembered record by record: the others are remembered, that one alone goes to the dead letters saying it
 * was written but not recorded. Salesforce → NetSuite on the shipped config over H2, in-memory systems.
 */
class ARecordThatCannotBeRememberedCostsOnlyItselfTest {
    private static final String UNREMEMBERABLE = "Unrememberable Ltd";
    private static final SystemObject CUSTOMER = new SystemObject("netsuite", "customer");

    @TempDir
    Path dir;

    private JdbcStateStore jdbc;
    private InMemorySystem salesforce;
    private InMemorySystem netsuite;
    private SyncEngine engine;

    @BeforeEach
    void start() {
        StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
        jdbc = JdbcStateStore.open(StoreSettings.h2Default(dir));
        salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
        netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
        engine = new SyncEngine(config.model(), config.mappings(), refusingToRememberOne(jdbc), Connectors.builder()
                .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, netsuite, NetSuiteConnector.DIALECT)
                .build(), new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        jdbc.close();
    }

    @Test
    void theOthersOfTheBatchAreRememberedAndItIsDeadLettered() {
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd"));
        salesforce.put("Account", "2", Map.of("Name", UNREMEMBERABLE));
        salesforce.put("Account", "3", Map.of("Name", "Sample Gears GmbH"));
        engine.initialCapture();
        engine.poll("netsuite");

        engine.poll("salesforce");

        assertThat(netsuite.all("customer")).as("every customer was sent in one batch").hasSize(3);
        for (String name : List.of("Example Analytics Ltd", "Sample Gears GmbH")) {
            CanonicalRecord account = account(name);
            assertThat(account.bookkeeping().written(CUSTOMER)).as("%s remembered as written", name)
                    .containsEntry("name", name);
            assertThat(jdbc.xrefs().find(account.id(), "netsuite", "customer")).as("%s linked", name).isPresent();
        }
        assertThat(account(UNREMEMBERABLE).bookkeeping().written(CUSTOMER)).isEmpty();
        assertThat(jdbc.deadLetters().list(DeadLetter.Status.OPEN, 10)).singleElement().satisfies(letter -> {
            assertThat(letter.system()).isEqualTo("netsuite");
            assertThat(letter.error()).contains("written, but stagesync could not record it")
                    .contains("refused on purpose");
        });
        assertThat(jdbc.outbox().counts()).as("nothing left held").isEmpty();
    }

    private CanonicalRecord account(String name) {
        return jdbc.records().page("account", null, 10).stream().filter(r -> name.equals(r.fields().get("name")))
                .findFirst().orElseThrow();
    }

    /**
     * The store, but saving what was written to NetSuite for one account fails (a store error of that record);
     * everything else goes to {@code store} as it is.
     */
    private static StateStore refusingToRememberOne(StateStore store) {
        RecordStore records = new RecordStore() {
            @Override
            public Optional<CanonicalRecord> find(String id) {
                return store.records().find(id);
            }

            @Override
            public CanonicalRecord save(CanonicalRecord row) {
                if (UNREMEMBERABLE.equals(row.fields().get("name")) && !row.bookkeeping().written(CUSTOMER).isEmpty()) {
                    throw new StoreException("refused on purpose: a save that fails for this record only");
                }
                return store.records().save(row);
            }

            @Override
            public long countByStage(String entityType, String stage) {
                return store.records().countByStage(entityType, stage);
            }

            @Override
            public List<CanonicalRecord> page(String entityType, String afterId, int limit) {
                return store.records().page(entityType, afterId, limit);
            }
        };
        return (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(), new Class<?>[] {StateStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("records")) {
                        return records;
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
