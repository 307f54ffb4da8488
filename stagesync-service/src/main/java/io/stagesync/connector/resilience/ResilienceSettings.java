package io.stagesync.connector.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * One system's resilience policy: retry with exponential backoff (never shorter than the
 * system's {@code Retry-After}), a circuit breaker over retriable failures, and a concurrency
 * limit sized to the vendor's rules. Immutable; validated when built.
 *
 * @param name                the policy name (usually the system), used in logs and metrics
 * @param maxAttempts         attempts per call including the first (1 = no retry), 1..10
 * @param initialBackoff      wait before the first retry, doubled each time, > 0
 * @param maxBackoff          cap on the computed backoff (a longer Retry-After still wins), ≥ initialBackoff
 * @param failureRateThreshold percentage of failed calls in the window that opens the breaker, 1..100
 * @param slidingWindowSize   number of calls the breaker looks at, ≥ 1
 * @param minimumCalls        calls needed in the window before the breaker may open, 1..slidingWindowSize
 * @param openStateWait       how long the breaker stays open before letting trial calls through, > 0
 * @param maxConcurrentCalls  calls in flight at once to this system, ≥ 1
 * @param maxWaitForSlot      how long a call waits for a free slot before failing, ≥ 0
 */
public record ResilienceSettings(String name, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                                 int failureRateThreshold, int slidingWindowSize, int minimumCalls,
                                 Duration openStateWait, int maxConcurrentCalls, Duration maxWaitForSlot) {
    public ResilienceSettings {
        Objects.requireNonNull(name, "name");
        require(maxAttempts >= 1 && maxAttempts <= 10, "max-attempts must be 1..10");
        require(initialBackoff != null && !initialBackoff.isNegative() && !initialBackoff.isZero(),
                "initial-backoff-ms must be > 0");
        require(maxBackoff != null && maxBackoff.compareTo(initialBackoff) >= 0,
                "max-backoff-ms must be ≥ initial-backoff-ms");
        require(failureRateThreshold >= 1 && failureRateThreshold <= 100, "breaker.failure-rate must be 1..100");
        require(slidingWindowSize >= 1, "breaker.window must be ≥ 1");
        require(minimumCalls >= 1 && minimumCalls <= slidingWindowSize, "breaker.minimum-calls must be 1..window");
        require(openStateWait != null && !openStateWait.isNegative() && !openStateWait.isZero(),
                "breaker.open-seconds must be > 0");
        require(maxConcurrentCalls >= 1, "max-concurrent-calls must be ≥ 1");
        require(maxWaitForSlot != null && !maxWaitForSlot.isNegative(), "max-wait-for-slot-ms must be ≥ 0");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Defaults for a system: 4 attempts from 1 s up to 60 s, breaker at 50 % of 20 calls, open 60 s. */
    public static ResilienceSettings defaults(String name, int maxConcurrentCalls) {
        return new ResilienceSettings(name, 4, Duration.ofSeconds(1), Duration.ofSeconds(60), 50, 20, 10,
                Duration.ofSeconds(60), maxConcurrentCalls, Duration.ofSeconds(30));
    }
}
