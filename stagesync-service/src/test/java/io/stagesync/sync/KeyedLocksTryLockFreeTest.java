package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link KeyedLocks#tryLockFree}: the keys no other thread holds, taken without ever waiting. */
class KeyedLocksTryLockFreeTest {
    private final KeyedLocks locks = new KeyedLocks();

    @Test
    void freeKeysAreAllTakenAndClosingLetsThemGo() throws Exception {
        KeyedLocks.AllHeld held = locks.tryLockFree(List.of("c", "a", "b", "a"));

        assertThat(held.size()).isEqualTo(3);
        assertThat(held.holds("a") && held.holds("b") && held.holds("c")).isTrue();
        assertThat(otherThreadCanTake("b")).as("held while open").isFalse();
        held.close();
        assertThat(otherThreadCanTake("a")).isTrue();
        assertThat(locks.inUse()).as("nothing left behind").isZero();
    }

    @Test
    void aKeyHeldElsewhereIsSkippedAtOnceAndTheOthersAreTaken() throws Exception {
        CountDownLatch taken = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
            locks.lock("b");
            taken.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                locks.unlock("b");
            }
        });
        assertThat(taken.await(10, TimeUnit.SECONDS)).isTrue();

        try (KeyedLocks.AllHeld held = locks.tryLockFree(List.of("a", "b", "c"))) {
            assertThat(held.holds("b")).as("returns without waiting for b").isFalse();
            assertThat(held.holds("a") && held.holds("c")).isTrue();
            assertThat(otherThreadCanTake("a")).isFalse();
        }
        assertThat(otherThreadCanTake("a")).isTrue();
        assertThat(otherThreadCanTake("c")).isTrue();
        release.countDown();
        other.get(10, TimeUnit.SECONDS);
        assertThat(locks.inUse()).isZero();
    }

    private boolean otherThreadCanTake(String key) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            boolean got = locks.tryLock(key);
            if (got) {
                locks.unlock(key);
            }
            return got;
        }).get(10, TimeUnit.SECONDS);
    }
}
