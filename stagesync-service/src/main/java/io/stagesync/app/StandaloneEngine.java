package io.stagesync.app;

import io.stagesync.config.SettingKey;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.metrics.SyncMetrics;
import io.stagesync.store.StateStore;
import io.stagesync.sync.Connectors;
import io.stagesync.sync.SendMode;
import io.stagesync.sync.SyncEngine;
import io.stagesync.sync.SyncSettings;
import java.time.Clock;
import java.util.Objects;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The sync engine with the configured connectors on a Camel context of its own, without routes, pollers or the
 * admin server: what {@code stagesync replay} uses when the service is not running. Close it to stop the
 * context and the connectors (the store stays open; its owner closes it). Not for use next to a running
 * service on the same store: the engine's per-record locks live in one process.
 */
public final class StandaloneEngine implements AutoCloseable {
    private final DefaultCamelContext camel;
    private final ConnectorAssembly assembly;
    private final SyncEngine engine;

    private final SyncMetrics metrics;
    private StandaloneEngine(DefaultCamelContext camel, ConnectorAssembly assembly, SyncEngine engine,
                             SyncMetrics metrics) {
        this.metrics = metrics;
        this.camel = camel;
        this.assembly = assembly;
        this.engine = engine;
    }

    /** Builds the connectors of {@code config} and starts their context. */
    public static StandaloneEngine start(StagesyncConfig config, StateStore store) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(store, "store");
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("stagesync-replay");
        ConnectorAssembly assembly = null;
        SyncMetrics metrics = new SyncMetrics(Clock.systemUTC());
        try {
            assembly = ConnectorAssembly.build(camel, config, metrics);
            camel.start();
            return new StandaloneEngine(camel, assembly, engine(config, store, assembly.connectors(),
                    SendMode.ON_THE_POLLING_THREAD), metrics);
        } catch (RuntimeException e) {
            if (assembly != null) {
                assembly.close();
            }
            camel.stop();
            throw e;
        }
    }

    /** The engine {@code run} builds ({@link SendMode#ONE_THREAD_PER_TARGET}), on the given connectors. */
    static SyncEngine engine(StagesyncConfig config, StateStore store, Connectors connectors, SendMode sending) {
        return engine(config, store, connectors, sending, null);
    }

    /** As above, with the queue between capture and apply {@code queue} builds ({@code null}: in memory). */
    static SyncEngine engine(StagesyncConfig config, StateStore store, Connectors connectors, SendMode sending,
                             io.stagesync.sync.ChangeQueue.Factory queue) {
        String item = config.settings().get(SettingKey.SALES_ORDER_ITEM_ID);
        java.util.Map<String, java.time.Duration> lookBack = new java.util.LinkedHashMap<>();
        config.connectorSettings().connectors().forEach((system, configured) ->
                lookBack.put(system, configured.settings().lookBack()));
        return new SyncEngine(config.model(), config.mappings(), store, connectors,
                new SyncSettings(Integer.parseInt(config.settings().get(SettingKey.PAGE_SIZE)),
                        item == null || item.isBlank() ? null : item.trim(), lookBack,
                        Integer.parseInt(config.settings().get(SettingKey.MAX_VALUE_CHARS).trim())),
                Clock.systemUTC(), sending, queue);
    }

    /** The calls and API usage this process's connectors counted (e.g. Salesforce's reported quota). */
    public SyncMetrics metrics() {
        return metrics;
    }

    public SyncEngine engine() {
        return engine;
    }

    /** The configured connectors (reader, writer, dialect per system), as the engine uses them. */
    public Connectors connectors() {
        return assembly.connectors();
    }

    @Override
    public void close() {
        engine.close();
        assembly.close();
        camel.stop();
    }
}
