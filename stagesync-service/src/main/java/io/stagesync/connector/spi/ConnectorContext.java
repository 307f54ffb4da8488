package io.stagesync.connector.spi;

import io.stagesync.connector.ApiUsageListener;
import io.stagesync.connector.CallPolicy;
import java.util.List;
import java.util.Objects;
import org.apache.camel.CamelContext;

/**
 * What the service gives a connector's {@link SystemConnector#build}.
 *
 * @param system            the connector's name
 * @param settings          what its {@link SystemConnector#readSettings} returned
 * @param camel             the service's Camel context (not started yet); components a connector registers on it
 *                          are started and stopped with it
 * @param callPolicy        the policy every call to the system must run under: the system's Resilience4j policy
 *                          (retries honouring {@code Retry-After}, circuit breaker, concurrency and rate limits),
 *                          counted in the metrics. The only retry owner: the connector adds no retries of its own
 * @param apiUsage          where a connector reports the API quota a system announces in its responses (optional
 *                          to use)
 * @param mapped            the objects the mappings name for this system, with their mapped, link and stage fields
 * @param configuredSystems every system in {@code stagesync.connectors}, in that order (e.g. to read only the link
 *                          fields of systems in use)
 */
public record ConnectorContext(String system, SystemSettings settings, CamelContext camel, CallPolicy callPolicy,
                               ApiUsageListener apiUsage, MappedObjects mapped, List<String> configuredSystems) {
    public ConnectorContext {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(camel, "camel");
        Objects.requireNonNull(callPolicy, "callPolicy");
        Objects.requireNonNull(apiUsage, "apiUsage");
        Objects.requireNonNull(mapped, "mapped");
        configuredSystems = List.copyOf(configuredSystems);
    }

    /**
     * The settings as the connector's own type.
     *
     * @throws ClassCastException when they are not of that type (a connector asking for another's settings)
     */
    public <S extends SystemSettings> S settings(Class<S> type) {
        return type.cast(settings);
    }
}
