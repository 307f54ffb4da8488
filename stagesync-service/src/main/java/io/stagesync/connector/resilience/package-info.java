/**
 * One resilience policy per system on Resilience4j: {@link io.stagesync.connector.resilience.ResilienceSettings}
 * (retry with exponential backoff, circuit breaker, bulkhead; validated when built), read from the
 * {@code stagesync.resilience.SYSTEM.*} keys by {@link io.stagesync.connector.resilience.ResilienceSettingsReader}
 * (every bad value reported at once), and applied to every call by
 * {@link io.stagesync.connector.resilience.ResilientCallPolicy}.
 *
 * <p>Promises: only retriable failures are retried and counted by the breaker; a retry never comes before the
 * system's {@code Retry-After}; an open breaker fails calls at once with vendor code {@code CIRCUIT_OPEN}.
 * Immutable settings, thread-safe policy.
 */
package io.stagesync.connector.resilience;
