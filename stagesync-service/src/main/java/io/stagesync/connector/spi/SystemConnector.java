package io.stagesync.connector.spi;

import io.stagesync.settings.Setting;
import java.util.Map;
import java.util.List;

/**
 * One system stagesync can sync (Salesforce, NetSuite, a marketing system, …): its name, how its settings are
 * read and checked, and how its parts are built. Found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/io.stagesync.connector.spi.SystemConnector} ({@link SystemConnectors}); an
 * implementation needs a public no-argument constructor and holds no state of its own.
 *
 * <p>Lifecycle: at config load, for each system named in {@code stagesync.connectors}, {@link #readSettings} once
 * (every problem reported at once, with the other files' errors); at start, {@link #build} once on the service's
 * Camel context; at stop, the parts' {@link ConnectorParts#closeables()} are closed. Implementations are called
 * from one thread at a time; the parts they build must be thread-safe (polls and writes of different records run
 * concurrently).
 */
public interface SystemConnector {
    /**
     * The system's name: lower-case letters and digits, e.g. {@code salesforce}. It is what an admin writes in
     * {@code stagesync.connectors}, the settings prefix {@code stagesync.NAME.}, the mappings file
     * {@code mappings/NAME.yaml}, the stage model's {@code mappings.NAME}, and the route id {@code sync-NAME}.
     */
    String name();

    /**
     * Every setting this connector reads, declared once (key, type, default, bounds, secrecy, meaning), each key
     * starting with {@code stagesync.NAME.}; other keys there are typos. Secret values must be given by reference
     * and are masked; {@code docs/configuration.md} shows one row per declaration.
     */
    List<Setting> settings();

    /**
     * Reads and validates this connector's settings, reporting every problem at once.
     *
     * @param section the resolved values of the keys under {@code stagesync.NAME.} ({@code ${env:…}} and
     *                {@code ${file:…}} references already replaced), by full key
     * @param mapped  the objects {@code mappings/NAME.yaml} maps, for settings derived from them (the fields to read)
     * @throws InvalidSettingsException listing every problem, each message starting with the key at fault; secrets
     *                                  never echoed
     */
    SystemSettings readSettings(Map<String, String> section, MappedObjects mapped);

    /**
     * Whether {@link #build} gives a campaign cost reader; known before the build, so the service can decide at
     * start whether campaign costs are refreshed at all.
     */
    default boolean readsCampaignCosts() {
        return false;
    }

    /**
     * Whether the mappings may give this system's objects a {@code filter} (field API name to the value a record must
     * have to be synced at all, e.g. Salesforce Lead {@code IsConverted: false}), which its change query applies.
     */
    default boolean filtersInQuery() {
        return false;
    }

    /**
     * A problem with a value the mappings write literally into one of this system's fields (an {@code on-create}
     * value, a {@code filter} value), e.g. an id of the wrong form; empty when the value is fine or the connector
     * cannot tell.
     *
     * @param field the field's name in this system
     * @param value the value, trimmed
     */
    default java.util.Optional<String> mappedValueProblem(String field, String value) {
        return java.util.Optional.empty();
    }

    /**
     * Whether the system reports its own API usage and allowance with its answers (the connector then passes them
     * to {@code ApiUsageListener#reported}); otherwise the calls stagesync counts are shown against the
     * {@link SystemSettings#dailyCallAllowance()}.
     */
    default boolean reportsItsOwnUsage() {
        return false;
    }

    /**
     * Builds the parts the engine uses, on the service's Camel context. Every call to the system must go through
     * {@link ConnectorContext#callPolicy()} (the single retry owner).
     *
     * @param context what the service gives: the settings {@link #readSettings} returned, the Camel context, the
     *                call policy, the mappings
     * @throws RuntimeException when a part cannot be built; the service does not start
     */
    ConnectorParts build(ConnectorContext context);
}
