package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lock discipline of a poll page: records held until the page's writes are remembered, waits
 * only in id order, and a flush of the held records' work before letting them go out of order.
 * Each page runs on its own thread, as pollers do; waits are observed, never slept on.
 */
class PageLocksTest {
    private final KeyedLocks locks = new KeyedLocks();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** A page on its own thread; steps run there one after another. */
    private final class Page {
        final List<String> flushes = Collections.synchronizedList(new ArrayList<>());
        final PageLocks held = new PageLocks(locks, () -> flushes.add("flush"));
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        volatile Thread runner;

        CompletableFuture<Void> run(Runnable step) {
            return CompletableFuture.runAsync(() -> {
                runner = Thread.currentThread();
                step.run();
            }, thread);
        }

        boolean parked() {
            Thread t = runner;
            return t != null && t.getState() == Thread.State.WAITING && Arrays.stream(t.getStackTrace())
                    .anyMatch(f -> f.getClassName().equals(KeyedLocks.class.getName()));
        }

        void close() throws Exception {
            run(held::close).get(10, TimeUnit.SECONDS);
            thread.shutdown();
        }
    }

    /** Whether another thread could take the key right now (taken and given back at once). */
    private boolean free(String key) throws Exception {
        return threads.submit(() -> {
            if (!locks.tryLock(key)) {
                return false;
            }
            locks.unlock(key);
            return true;
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRecordStaysHeldUntilThePageIsClosed() throws Exception {
        Page page = new Page();
        page.run(() -> page.held.hold("b")).get(10, TimeUnit.SECONDS);
        page.run(() -> page.held.hold("a")).get(10, TimeUnit.SECONDS);

        assertThat(free("a")).isFalse();
        assertThat(free("b")).isFalse();
        page.close();
        assertThat(free("a")).isTrue();
        assertThat(free("b")).isTrue();
        assertThat(page.flushes).as("nobody else wanted them: one batch at the end").isEmpty();
    }

    @Test
    void aPageWaitsForALaterIdWhileKeepingWhatItHolds() throws Exception {
        Page first = new Page();
        Page second = new Page();
        first.run(() -> first.held.hold("b")).get(10, TimeUnit.SECONDS);
        second.run(() -> second.held.hold("a")).get(10, TimeUnit.SECONDS);

        CompletableFuture<Void> waiting = second.run(() -> second.held.hold("b"));
        await().atMost(Duration.ofSeconds(10)).until(second::parked);
        assertThat(free("a")).as("still held while waiting for a later id").isFalse();
        assertThat(second.flushes).isEmpty();

        first.close();
        waiting.get(10, TimeUnit.SECONDS);
        assertThat(free("b")).isFalse();
        second.close();
    }

    @Test
    void anEarlierIdTakenElsewhereMakesThePageFlushAndLetGoBeforeItWaits() throws Exception {
        Page first = new Page();
        Page second = new Page();
        first.run(() -> first.held.hold("a")).get(10, TimeUnit.SECONDS);
        second.run(() -> second.held.hold("b")).get(10, TimeUnit.SECONDS);

        CompletableFuture<Void> waiting = second.run(() -> second.held.hold("a"));
        await().atMost(Duration.ofSeconds(10)).until(second::parked);
        assertThat(second.flushes).as("finished the work of b before letting it go").hasSize(1);
        assertThat(free("b")).as("let go while waiting for an earlier id").isTrue();

        first.close();
        waiting.get(10, TimeUnit.SECONDS);
        assertThat(free("a")).isFalse();
        second.close();
    }

    @Test
    void twoPagesWantingTheSameTwoRecordsInOppositeOrderBothFinish() throws Exception {
        Page first = new Page();
        Page second = new Page();
        first.run(() -> first.held.hold("a")).get(10, TimeUnit.SECONDS);
        second.run(() -> second.held.hold("b")).get(10, TimeUnit.SECONDS);

        CompletableFuture<Void> firstWantsB = first.run(() -> first.held.hold("b"));
        await().atMost(Duration.ofSeconds(10)).until(first::parked);
        CompletableFuture<Void> secondWantsA = second.run(() -> second.held.hold("a"));

        firstWantsB.get(10, TimeUnit.SECONDS);
        assertThat(secondWantsA).as("waits for a, holding nothing").isNotDone();
        first.close();
        secondWantsA.get(10, TimeUnit.SECONDS);
        second.close();
        assertThat(first.flushes).isEmpty();
        assertThat(second.flushes).hasSize(1);
    }

    @Test
    void holdingSeveralAtOnceTakesThemInIdOrder() throws Exception {
        Page other = new Page();
        other.run(() -> other.held.hold("b")).get(10, TimeUnit.SECONDS);
        Page page = new Page();

        CompletableFuture<Void> waiting = page.run(() -> page.held.hold(List.of("c", "a", "b")));
        await().atMost(Duration.ofSeconds(10)).until(page::parked);
        assertThat(free("a")).as("a, before b").isFalse();
        assertThat(free("c")).as("c, only after b").isTrue();

        other.close();
        waiting.get(10, TimeUnit.SECONDS);
        assertThat(free("c")).isFalse();
        page.close();
    }

    @Test
    void aLockNobodyHoldsOrWaitsForIsForgotten() throws Exception {
        Page page = new Page();
        page.run(() -> page.held.hold(List.of("a", "b"))).get(10, TimeUnit.SECONDS);
        page.run(() -> page.held.hold("a")).get(10, TimeUnit.SECONDS);
        assertThat(locks.inUse()).isEqualTo(2);

        page.close();
        assertThat(locks.inUse()).as("memory follows the records in flight").isZero();
    }
}
