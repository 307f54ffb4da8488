package io.stagesync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OneCallPerRecordTest {
    private final List<OneCallPerRecord> made = new ArrayList<>();

    private OneCallPerRecord calls(int maxInFlight) {
        OneCallPerRecord calls = new OneCallPerRecord("test", maxInFlight);
        made.add(calls);
        return calls;
    }

    @AfterEach
    void close() {
        made.forEach(OneCallPerRecord::close);
    }

    private static List<UpsertRequest> requests(String... keys) {
        return java.util.Arrays.stream(keys).map(k -> new UpsertRequest(k, Map.of("name", k))).toList();
    }

    @Test
    void resultsComeBackInRequestOrderWhateverOrderTheCallsEnd() {
        List<UpsertRequest> requests = requests("a", "b", "c", "d", "e", "f", "g", "h");
        // the earlier a request, the later its call ends
        List<WriteResult> results = calls(4).each(requests, request -> {
            sleep(10L * (8 - requests.indexOf(request)));
            return WriteResult.ok(request.key(), "id-" + request.key(), false);
        });

        assertThat(results).extracting(WriteResult::id)
                .containsExactly("id-a", "id-b", "id-c", "id-d", "id-e", "id-f", "id-g", "id-h");
    }

    @Test
    void maxInFlightCallsRunAtOnceAndNeverMore() throws Exception {
        int n = 4;
        CountDownLatch allIn = new CountDownLatch(n);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<WriteResult> results = calls(n).each(requests("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"),
                request -> {
                    most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    allIn.countDown();
                    try {
                        // each of the first four waits until all four are in flight: one after another they never would
                        return allIn.await(10, TimeUnit.SECONDS) ? WriteResult.ok(request.key(), request.key(), false)
                                : WriteResult.failed(request.key(), "NOT_PARALLEL", "fewer than 4 calls at once");
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });

        assertThat(results).allMatch(WriteResult::success);
        assertThat(most.get()).isEqualTo(n);
    }

    @Test
    void aKeyTwiceInOneBatchIsWrittenOneAfterAnotherInRequestOrder() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        calls(4).each(requests("x@example.com", "y@example.com", "X@Example.com", "z@example.com"), request -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            sleep(20);
            order.add(request.key());
            inFlight.decrementAndGet();
            return WriteResult.ok(request.key(), request.key(), false);
        });

        assertThat(most.get()).isEqualTo(1);
        assertThat(order).containsExactly("x@example.com", "y@example.com", "X@Example.com", "z@example.com");
    }

    @Test
    void theFirstFailingRequestsExceptionIsThrownAndNoCallStartsAfterAFailureIsSeen() {
        Map<String, Boolean> called = new ConcurrentHashMap<>();
        List<UpsertRequest> requests = IntStream.range(0, 40).mapToObj(i -> new UpsertRequest("k" + i, Map.of())).toList();

        assertThatThrownBy(() -> calls(2).each(requests, request -> {
            called.put(request.key(), true);
            if (request.key().equals("k1")) {
                throw new SystemCallException("test", "update", 503, "SERVICE_UNAVAILABLE", "down for k1", null, true, null, null);
            }
            if (request.key().equals("k2")) {
                sleep(50);
                throw new SystemCallException("test", "update", 503, "SERVICE_UNAVAILABLE", "down for k2", null, true, null, null);
            }
            sleep(20);
            return WriteResult.ok(request.key(), request.key(), false);
        })).isInstanceOf(SystemCallException.class).hasMessageContaining("down for k1");

        // two threads: k1 fails at once; k0 runs only if its thread took it before that; no later call is made
        // beyond the few a thread may have taken before the failure was seen
        assertThat(called).containsKey("k1");
        assertThat(called.size()).isLessThan(10);
    }

    @Test
    void oneAtATimeWritesOnTheCallersThreadAndStopsAtTheFirstFailure() {
        List<String> threads = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        assertThatThrownBy(() -> calls(1).each(requests("a", "b", "c"), request -> {
            threads.add(Thread.currentThread().getName());
            keys.add(request.key());
            if (request.key().equals("b")) {
                throw new IllegalArgumentException("b cannot be sent");
            }
            return WriteResult.ok(request.key(), request.key(), false);
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("b cannot be sent");

        assertThat(keys).containsExactly("a", "b");
        assertThat(threads).containsOnly(Thread.currentThread().getName());
    }

    @Test
    void refusesFewerThanOneCallInFlight() {
        assertThatThrownBy(() -> new OneCallPerRecord("netsuite", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void closingTheWriterDuringABatchEndsItWithAnErrorInsteadOfLeavingTheCallerWaiting() throws Exception {
        OneCallPerRecord calls = calls(1 + 1);
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Throwable> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                calls.each(requests("a", "b", "c", "d"), request -> {
                    started.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return WriteResult.ok(request.key(), request.key(), false);
                });
                outcome.set(new AssertionError("the batch ended normally"));
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });
        caller.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        calls.close();
        release.countDown();
        caller.join(10_000);

        assertThat(caller.isAlive()).as("the caller is not left waiting").isFalse();
        assertThat(outcome.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> calls.each(requests("e", "f"), r -> WriteResult.ok(r.key(), r.key(), false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void anInterruptedCallerStillWaitsForTheCallsInFlightAndStartsNoMore() throws Exception {
        OneCallPerRecord calls = calls(2);
        CountDownLatch started = new CountDownLatch(2);
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger begun = new AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger finishedWhenReturned = new java.util.concurrent.atomic.AtomicInteger(-1);
        Thread caller = new Thread(() -> {
            try {
                calls.each(requests("a", "b", "c", "d", "e", "f"), request -> {
                    begun.incrementAndGet();
                    started.countDown();
                    sleepUninterruptibly(300);
                    finished.incrementAndGet();
                    return WriteResult.ok(request.key(), request.key(), false);
                });
            } catch (IllegalStateException expected) {
                finishedWhenReturned.set(finished.get());
            }
        });
        caller.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        caller.interrupt();
        caller.join(10_000);

        assertThat(finishedWhenReturned.get()).as("the two calls in flight had finished when it returned").isEqualTo(2);
        assertThat(begun.get()).as("no call started after the interrupt").isEqualTo(2);
    }

    private static void sleepUninterruptibly(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException ignored) {
                // keep sleeping: the call is "in flight"
            }
        }
    }
}
