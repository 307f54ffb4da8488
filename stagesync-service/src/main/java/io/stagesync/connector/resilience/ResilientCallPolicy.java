package io.stagesync.connector.resilience;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.SystemCallException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CallPolicy} on Resilience4j: retry (outermost) → circuit breaker → bulkhead → call.
 *
 * <p>Only {@link SystemCallException#retriable() retriable} failures are retried and counted by
 * the breaker; a permanent failure (validation, permission) passes straight through and does not
 * open the breaker. The wait before a retry is the exponential backoff or the system's
 * {@code Retry-After}, whichever is longer. An open breaker fails calls at once with vendor code
 * {@code CIRCUIT_OPEN} (not retriable: the caller leaves the work for the next poll). Thread-safe.
 */
public final class ResilientCallPolicy implements CallPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(ResilientCallPolicy.class);

    private final ResilienceSettings settings;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;

    public ResilientCallPolicy(ResilienceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.breaker = CircuitBreaker.of(settings.name(), CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .waitDurationInOpenState(settings.openStateWait())
                .recordException(ResilientCallPolicy::isRetriable)
                .build());
        this.bulkhead = Bulkhead.of(settings.name(), BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentCalls())
                .maxWaitDuration(settings.maxWaitForSlot())
                .build());
        this.retry = Retry.of(settings.name(), RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(ResilientCallPolicy::isRetriable)
                .intervalBiFunction(this::waitBefore)
                .build());
        retry.getEventPublisher().onRetry(e -> LOG.warn("{}: retry {} in {} ms after: {}", settings.name(),
                e.getNumberOfRetryAttempts(), e.getWaitInterval().toMillis(),
                e.getLastThrowable() == null ? "?" : e.getLastThrowable().getMessage()));
        breaker.getEventPublisher().onStateTransition(e -> LOG.warn("{}: circuit breaker {}", settings.name(),
                e.getStateTransition()));
    }

    private static boolean isRetriable(Throwable t) {
        return t instanceof SystemCallException e && e.retriable();
    }

    private long waitBefore(int attempt, Either<Throwable, Object> outcome) {
        long backoff = settings.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        backoff = Math.min(backoff, settings.maxBackoff().toMillis());
        if (outcome.isLeft() && outcome.getLeft() instanceof SystemCallException e && e.retryAfter().isPresent()) {
            backoff = Math.max(backoff, e.retryAfter().get().toMillis());
        }
        return backoff;
    }

    @Override
    public <T> T execute(String operation, Supplier<T> call) {
        Supplier<T> guarded = () -> {
            try {
                return CircuitBreaker.decorateSupplier(breaker, Bulkhead.decorateSupplier(bulkhead, call)).get();
            } catch (CallNotPermittedException e) {
                throw new SystemCallException(settings.name(), operation, 0, "CIRCUIT_OPEN",
                        "circuit breaker is open after repeated failures; calls resume after "
                                + settings.openStateWait().toSeconds() + " s", null, false, null, e);
            } catch (BulkheadFullException e) {
                throw new SystemCallException(settings.name(), operation, 0, "CONCURRENCY_LIMIT",
                        "no free call slot within " + settings.maxWaitForSlot().toMillis() + " ms", null, true, null, e);
            }
        };
        return Retry.decorateSupplier(retry, guarded).get();
    }

    /** The breaker's state (CLOSED, OPEN, HALF_OPEN, …), for status and metrics. */
    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    public ResilienceSettings settings() {
        return settings;
    }
}
