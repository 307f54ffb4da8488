package io.stagesync.connector;

/**
 * Receives the API usage a system reports about itself (Salesforce's {@code Sforce-Limit-Info: api-usage=used/allowed}
 * on every REST response). Implementations are thread-safe and fast: they are called on the calling thread.
 */
@FunctionalInterface
public interface ApiUsageListener {

    /**
     * @param system  the system
     * @param used    calls used in the system's own window (Salesforce: the org's rolling 24 h), at least 0
     * @param allowed the allocation for that window, at least 1
     */
    void reported(String system, long used, long allowed);

    /** A listener that ignores everything. */
    static ApiUsageListener none() {
        return (system, used, allowed) -> { };
    }
}
