package io.stagesync.sync;

import io.stagesync.config.StagesyncConfig;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.stage.StageModel;
import java.nio.file.Path;
import java.util.Map;

/**
 * The shipped {@code config/} (stage-model.yaml, mappings/*.yaml) loaded once through the loaders the service
 * runs with ({@link StagesyncConfig#load}, every check included), so unit tests exercise the real model and
 * mappings, not a copy. Tests run with the project root as working directory (see the surefire configuration).
 */
final class ShippedConfig {
    private static final StagesyncConfig CONFIG = StagesyncConfig.load(Path.of("config"), Map.of());
    private static final CanonicalValues VALUES = new CanonicalValues(CONFIG.model());

    private ShippedConfig() {
    }

    static StageModel model() {
        return CONFIG.model();
    }

    static SyncMappings mappings() {
        return CONFIG.mappings();
    }

    static CanonicalValues values() {
        return VALUES;
    }

    /** Salesforce and NetSuite over in-memory stand-ins, each with its connector's write dialect. */
    static Connectors.Builder inMemory(InMemorySystem salesforce, InMemorySystem netsuite) {
        return Connectors.builder()
                .add("salesforce", salesforce, salesforce, io.stagesync.connector.salesforce.SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, netsuite, io.stagesync.connector.netsuite.NetSuiteConnector.DIALECT);
    }

    /**
     * An engine on the shipped config with the tests' settings (pages of 50, sales-order item 42, each connector's
     * default look-back), sending its writes on the polling thread.
     */
    static SyncEngine engine(io.stagesync.store.StateStore store, Connectors connectors) {
        return new SyncEngine(CONFIG.model(), CONFIG.mappings(), store, connectors, new SyncSettings(50, "42",
                io.stagesync.connector.spi.SystemConnectors.installed().lookBackDefaults()), java.time.Clock.systemUTC());
    }

    /** The mapping of a system object, e.g. {@code salesforce Lead}; fails when the shipped config has none. */
    static ObjectMapping mapping(String system, String object) {
        return CONFIG.mappings().find(system, object)
                .orElseThrow(() -> new IllegalArgumentException("the shipped mappings have no " + system + " " + object));
    }
}
