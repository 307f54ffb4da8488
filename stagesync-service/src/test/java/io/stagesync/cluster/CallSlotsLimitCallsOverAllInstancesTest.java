package io.stagesync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.CallPolicy;
import io.stagesync.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A system's calls in flight counted over two instances ({@link PostgresCallSlots}): with a limit of 3, twelve
 * threads calling through two instances' policies never have more than 3 calls in flight together, and every call
 * is made; a call made inside a call takes no second slot; an instance whose session ends lets its slots go.
 *
 * <p>Needs PostgreSQL: the server named by {@code STAGESYNC_TEST_PG_URL}, else the embedded one ({@link TestPostgres}).
 */
class CallSlotsLimitCallsOverAllInstancesTest {
    /** Advisory locks are database-wide: a system name of this run's own. */
    private final String netsuite = "netsuite-" + System.nanoTime();

    @Test
    void twoInstancesTogetherKeepTheLimitAndMakeEveryCall() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger made = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try (PostgresCallSlots a = slots("instance-a"); PostgresCallSlots b = slots("instance-b")) {
            List<CallPolicy> policies = List.of(a.around(netsuite, 3, CallPolicy.direct()),
                    b.around(netsuite, 3, CallPolicy.direct()));
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 36; i++) {
                CallPolicy policy = policies.get(i % 2);
                calls.add(CompletableFuture.runAsync(() -> policy.execute("upsert customer", () -> {
                    most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    inFlight.decrementAndGet();
                    return made.incrementAndGet();
                }), threads));
            }
            CompletableFuture.allOf(calls.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(made.get()).isEqualTo(36);
        assertThat(most.get()).as("calls in flight at most, over both instances").isBetween(2, 3);
    }

    @Test
    void aCallInsideACallTakesNoSecondSlot() {
        try (PostgresCallSlots a = slots("instance-a")) {
            CallPolicy policy = a.around(netsuite, 1, CallPolicy.direct());
            String answer = policy.execute("upsert customer", () -> policy.execute("token", () -> "ok"));
            assertThat(answer).isEqualTo("ok");
        }
    }

    @Test
    void theSlotsOfAnInstanceWhoseSessionEndsAreFreeAgain() throws Exception {
        PostgresCallSlots a = slots("instance-a");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread caller = new Thread(() -> a.around(netsuite, 1, CallPolicy.direct()).execute("upsert customer", () -> {
            holding.countDown();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        caller.start();
        try (PostgresCallSlots b = slots("instance-b")) {
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() ->
                    b.around(netsuite, 1, CallPolicy.direct()).execute("upsert customer", () -> "made"));
            Thread.sleep(300);
            assertThat(waiting).as("the only slot is a's").isNotDone();
            a.close();
            assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo("made");
        } finally {
            done.countDown();
            caller.join(10_000);
            a.close();
        }
    }

    private static PostgresCallSlots slots(String instance) {
        return new PostgresCallSlots(TestPostgres.url(), TestPostgres.user(), TestPostgres.password(), instance);
    }
}
