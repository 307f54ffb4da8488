package io.stagesync.metrics;

import java.time.Instant;
import java.util.List;

/**
 * What the running connectors know about themselves and nobody stores: last successful poll, last error
 * and circuit breaker state per system. The application implements it over its poller and call policies;
 * before the connectors are built every value is null. Implementations are thread-safe.
 */
public interface ConnectorRuntime {

    /** The configured systems, in configuration order; empty when none run. */
    List<String> systems();

    /** Nullable: when the system was last polled successfully by this process; null if never. */
    Instant lastSuccessfulPoll(String system);

    /** Nullable: the last poll failure's message; null after a success or before any poll. */
    String lastError(String system);

    /**
     * Nullable: the circuit breaker's state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, …); null when
     * the system has no breaker (yet).
     */
    String breakerState(String system);

    /**
     * What this instance is among those sharing the store, for {@code GET /api/health}: e.g. {@code id}, {@code mode}
     * ({@code single} or {@code cluster}), {@code leads} (the systems whose capture it leads), {@code queue}; empty
     * when not known (a bare test runtime).
     */
    default java.util.Map<String, Object> instance() {
        return java.util.Map.of();
    }

    /** Nullable: the system's API usage against its allowance; null when not measured (not configured). */
    default ApiQuota apiQuota(String system) {
        return null;
    }

    /** A runtime with no connectors. */
    static ConnectorRuntime none() {
        return new ConnectorRuntime() {
            @Override
            public List<String> systems() {
                return List.of();
            }

            @Override
            public Instant lastSuccessfulPoll(String system) {
                return null;
            }

            @Override
            public String lastError(String system) {
                return null;
            }

            @Override
            public String breakerState(String system) {
                return null;
            }
        };
    }
}
