package io.stagesync.connector.spi;

/**
 * A connector's validated settings (what {@link SystemConnector#readSettings} returns and
 * {@link ConnectorContext#settings()} hands back to its {@link SystemConnector#build}). Immutable; its
 * {@code toString()} masks secrets.
 */
public interface SystemSettings {
    /**
     * How many calls to the system may run at once, from 1 up: the default of the system's
     * {@code stagesync.resilience.NAME.max-concurrent-calls}.
     */
    int maxConcurrentCalls();
}
