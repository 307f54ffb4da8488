package io.stagesync.connector;

import java.util.function.Supplier;

/**
 * Runs every call to one system under that system's resilience policy (circuit breaker, retry
 * honouring {@code Retry-After}, concurrency limit). It is the only retry owner of the call:
 * HTTP-client retries are off and Camel redelivery is not used around it.
 */
public interface CallPolicy {
    /**
     * Runs one call.
     *
     * @param operation names the call for logs and metrics (e.g. {@code suiteql customer})
     * @param call      the call; throws {@link SystemCallException} to report a failure
     * @return the call's result
     * @throws SystemCallException the last failure when retries are exhausted or the failure is
     *     permanent, or a non-retriable one with code {@code CIRCUIT_OPEN} when the breaker is open
     */
    <T> T execute(String operation, Supplier<T> call);

    /** A policy that just runs the call (for tests of a client's own behaviour). */
    static CallPolicy direct() {
        return new CallPolicy() {
            @Override
            public <T> T execute(String operation, Supplier<T> call) {
                return call.get();
            }
        };
    }
}
