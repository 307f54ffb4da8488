package io.stagesync.app;

import io.stagesync.config.ConnectorSettings;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.CampaignCostReader;
import io.stagesync.connector.resilience.ResilientCallPolicy;
import io.stagesync.connector.spi.ConnectorContext;
import io.stagesync.connector.spi.ConnectorParts;
import io.stagesync.connector.spi.ObjectDescriber;
import io.stagesync.metrics.MeteredCallPolicy;
import io.stagesync.metrics.SyncMetrics;
import io.stagesync.sync.Connectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;

/**
 * Builds the configured connectors on a Camel context through the connector SPI, in the order of
 * {@code stagesync.connectors}: each under its system's Resilience4j policy, every call counted by
 * {@link MeteredCallPolicy}.
 */
final class ConnectorAssembly {
    private final Connectors connectors;
    private final Map<String, ResilientCallPolicy> policies;
    private final List<AutoCloseable> closeables;
    private final Map<String, CampaignCostReader> campaignCosts;
    private final Map<String, ObjectDescriber> describers;
    private final List<io.stagesync.connector.ChangeStream> streams;

    private ConnectorAssembly(Connectors connectors, Map<String, ResilientCallPolicy> policies,
                              List<AutoCloseable> closeables, Map<String, CampaignCostReader> campaignCosts,
                              Map<String, ObjectDescriber> describers, List<io.stagesync.connector.ChangeStream> streams) {
        this.connectors = connectors;
        this.policies = policies;
        this.closeables = closeables;
        this.campaignCosts = Map.copyOf(campaignCosts);
        this.describers = java.util.Collections.unmodifiableMap(describers);
        this.streams = List.copyOf(streams);
    }

    static ConnectorAssembly build(CamelContext camel, StagesyncConfig config, SyncMetrics metrics) {
        return build(camel, config, metrics, null);
    }

    /**
     * As {@link #build(CamelContext, StagesyncConfig, SyncMetrics)}, each system's calls in flight counted over all
     * the instances on the store when {@code sharedSlots} is given (cluster mode): its
     * {@code max-concurrent-calls} is then the limit of them all together, as the vendor's per-account limit is.
     */
    static ConnectorAssembly build(CamelContext camel, StagesyncConfig config, SyncMetrics metrics,
                                   io.stagesync.cluster.PostgresCallSlots sharedSlots) {
        ConnectorSettings settings = config.connectorSettings();
        Connectors.Builder builder = Connectors.builder();
        Map<String, ResilientCallPolicy> policies = new LinkedHashMap<>();
        List<AutoCloseable> closeables = new ArrayList<>();
        Map<String, CampaignCostReader> campaignCosts = new LinkedHashMap<>();
        Map<String, ObjectDescriber> describers = new LinkedHashMap<>();
        List<io.stagesync.connector.ChangeStream> streams = new ArrayList<>();
        settings.connectors().forEach((system, configured) -> {
            ResilientCallPolicy policy = new ResilientCallPolicy(settings.policies().get(system));
            io.stagesync.connector.CallPolicy metered = new MeteredCallPolicy(system, policy, metrics);
            ConnectorParts parts = configured.connector().build(new ConnectorContext(system, configured.settings(),
                    camel, sharedSlots == null ? metered
                            : sharedSlots.around(system, configured.settings().maxConcurrentCalls(), metered),
                    metrics.quotas(),
                    ConnectorSettings.mappedObjects(system, config.mappings(), config.model()),
                    config.settings().connectors()));
            builder.add(system, parts.reader(), parts.writer(), parts.dialect());
            parts.campaignCosts().ifPresent(costs -> campaignCosts.put(system, costs));
            parts.describer().ifPresent(describer -> describers.put(system, describer));
            parts.stream().ifPresent(stream -> {
                builder.stream(system, stream);
                streams.add(stream);
            });
            policies.put(system, policy);
            closeables.addAll(parts.closeables());
        });
        return new ConnectorAssembly(builder.build(), policies, closeables, campaignCosts, describers, streams);
    }

    Connectors connectors() {
        return connectors;
    }

    /** The marketing systems' campaign cost readers, by system. */
    Map<String, CampaignCostReader> campaignCosts() {
        return campaignCosts;
    }

    /** The describers of the systems that can describe their objects (for the start-up picklist check), by system. */
    Map<String, ObjectDescriber> describers() {
        return describers;
    }

    Map<String, ResilientCallPolicy> policies() {
        return policies;
    }

    /** Ends every change stream's subscriptions (idempotent); called before the routes stop. */
    void closeStreams() {
        for (io.stagesync.connector.ChangeStream stream : streams) {
            try {
                stream.close();
            } catch (RuntimeException e) {
                // closing on shutdown: nothing left to do with a failure here
            }
        }
    }

    void close() {
        closeStreams();
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing on shutdown: nothing left to do with a failure here
            }
        }
    }
}
