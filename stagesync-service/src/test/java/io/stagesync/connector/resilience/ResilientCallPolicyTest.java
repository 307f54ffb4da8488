package io.stagesync.connector.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.stagesync.connector.SystemCallException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one retry owner per call: retry only what is retriable, honour Retry-After, break, limit concurrency. */
class ResilientCallPolicyTest {
    private static ResilienceSettings settings(int attempts, int window, int maxConcurrent) {
        return new ResilienceSettings("test", attempts, Duration.ofMillis(5), Duration.ofMillis(20), 50, window,
                window, Duration.ofSeconds(30), maxConcurrent, Duration.ofSeconds(5));
    }

    private static SystemCallException retriable(Duration retryAfter) {
        return new SystemCallException("test", "op", 503, null, "unavailable", null, true, retryAfter, null);
    }

    private static SystemCallException permanent() {
        return new SystemCallException("test", "op", 400, "INVALID_VALUE", "bad", null, false, null, null);
    }

    @Test
    void retriesARetriableFailureUntilTheCallSucceeds() {
        ResilientCallPolicy policy = new ResilientCallPolicy(settings(4, 20, 5));
        AtomicInteger calls = new AtomicInteger();

        String result = policy.execute("op", () -> {
            if (calls.incrementAndGet() < 3) {
                throw retriable(null);
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        ResilientCallPolicy policy = new ResilientCallPolicy(settings(4, 20, 5));
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> policy.execute("op", () -> {
            calls.incrementAndGet();
            throw permanent();
        })).isInstanceOf(SystemCallException.class).hasMessageContaining("INVALID_VALUE");
        assertThat(calls).hasValue(1);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailure() {
        ResilientCallPolicy policy = new ResilientCallPolicy(settings(3, 20, 5));
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> policy.execute("op", () -> {
            calls.incrementAndGet();
            throw retriable(null);
        })).isInstanceOf(SystemCallException.class).matches(e -> ((SystemCallException) e).status() == 503);
        assertThat(calls).hasValue(3);
    }

    @Test
    void theNextAttemptWaitsAtLeastTheRetryAfterTheSystemAskedFor() {
        ResilientCallPolicy policy = new ResilientCallPolicy(settings(2, 20, 5));
        List<Long> starts = new ArrayList<>();

        policy.execute("op", () -> {
            starts.add(System.nanoTime());
            if (starts.size() == 1) {
                throw retriable(Duration.ofMillis(700));
            }
            return "ok";
        });

        assertThat(starts).hasSize(2);
        assertThat(Duration.ofNanos(starts.get(1) - starts.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }

    @Test
    void sustainedRetriableFailuresOpenTheBreakerAndLaterCallsFailWithoutReachingTheSystem() {
        ResilientCallPolicy policy = new ResilientCallPolicy(settings(1, 4, 5));
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> policy.execute("op", () -> {
                calls.incrementAndGet();
                throw retriable(null);
            })).isInstanceOf(SystemCallException.class);
        }

        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> policy.execute("op", () -> {
            calls.incrementAndGet();
            return "never";
        })).isInstanceOf(SystemCallException.class)
                .satisfies(e -> {
                    assertThat(((SystemCallException) e).vendorCode()).isEqualTo("CIRCUIT_OPEN");
                    assertThat(((SystemCallException) e).retriable()).isFalse();
                });
        assertThat(calls).hasValue(4);
    }

    @Test
    void permanentFailuresDoNotOpenTheBreaker() {
        ResilientCallPolicy policy = new ResilientCallPolicy(settings(1, 4, 5));
        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(() -> policy.execute("op", () -> {
                throw permanent();
            })).isInstanceOf(SystemCallException.class);
        }
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void noMoreCallsThanTheConcurrencyLimitAreInFlight() throws Exception {
        ResilientCallPolicy policy = new ResilientCallPolicy(settings(1, 20, 2));
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(6);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> {
                    started.countDown();
                    return policy.execute("op", () -> {
                        highest.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        try {
                            TimeUnit.MILLISECONDS.sleep(50);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        inFlight.decrementAndGet();
                        return "ok";
                    });
                }));
            }
            for (Future<String> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("ok");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(highest.get()).isBetween(1, 2);
    }
}
