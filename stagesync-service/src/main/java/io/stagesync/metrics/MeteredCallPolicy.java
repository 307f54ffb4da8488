package io.stagesync.metrics;

import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.SystemCallException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link CallPolicy} that counts every attempt that reaches a system: it wraps the call inside the
 * delegate, so each retry is counted once more and a call the open breaker short-circuits is not counted
 * (it never left the process). Outcomes: {@code success}, {@code retriable_error}, {@code error}.
 * Adds no retry or wait of its own. Thread-safe when the delegate is.
 */
public final class MeteredCallPolicy implements CallPolicy {
    private final String system;
    private final CallPolicy delegate;
    private final SyncMetrics metrics;

    public MeteredCallPolicy(String system, CallPolicy delegate, SyncMetrics metrics) {
        this.system = Objects.requireNonNull(system, "system");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public <T> T execute(String operation, Supplier<T> call) {
        return delegate.execute(operation, () -> {
            try {
                T result = call.get();
                metrics.apiCall(system, SyncMetrics.CALL_SUCCESS);
                return result;
            } catch (SystemCallException e) {
                metrics.apiCall(system, e.retriable() ? SyncMetrics.CALL_RETRIABLE_ERROR : SyncMetrics.CALL_ERROR);
                throw e;
            } catch (RuntimeException e) {
                metrics.apiCall(system, SyncMetrics.CALL_ERROR);
                throw e;
            }
        });
    }
}
