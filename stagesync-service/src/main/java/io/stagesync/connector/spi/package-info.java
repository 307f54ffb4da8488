/**
 * The connector SPI: how a system plugs into stagesync without the engine, the configuration or the service naming
 * it.
 *
 * <p>A system is one {@link io.stagesync.connector.spi.SystemConnector}, listed in
 * {@code META-INF/services/io.stagesync.connector.spi.SystemConnector} and found by
 * {@link io.stagesync.connector.spi.SystemConnectors}. At config load it reads and checks its settings section
 * ({@code stagesync.NAME.*}) into {@link io.stagesync.connector.spi.SystemSettings}, given the
 * {@link io.stagesync.connector.spi.MappedObjects} its mappings name; every problem is reported at once
 * ({@link io.stagesync.connector.spi.InvalidSettingsException}). At start the service builds it with a
 * {@link io.stagesync.connector.spi.ConnectorContext} (Camel context, call policy, mapped objects) into
 * {@link io.stagesync.connector.spi.ConnectorParts}: reader, writer, write dialect, and optionally a campaign cost
 * reader and an {@link io.stagesync.connector.spi.ObjectDescriber}. The service then polls it from a route
 * {@code sync-NAME} made from the {@code sync} route template. docs/connector-spi.md is the guide.
 *
 * <p>Promises: this package depends on no stagesync package outside {@code connector} ({@code ConnectorBoundaryTest});
 * the configuration, the service and the engine depend on no vendor package, only on this one
 * ({@code ConnectorSpiBoundaryTest}). Parameters and return values are non-null unless their javadoc says otherwise.
 */
package io.stagesync.connector.spi;
