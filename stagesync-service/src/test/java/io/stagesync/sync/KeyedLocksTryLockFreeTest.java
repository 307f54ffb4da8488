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
    void keysThisThreadHoldsCountAsFreeAndStayHeldAfterClosing() throws Exception {
        locks.lock("a");
        try (KeyedLocks.Held<String> held = locks.tryLockFree(List.of("a", "b"), key -> key)) {
            assertThat(held.free()).containsExactly("a", "b");
        }
        assertThat(otherThreadCanTake("a")).as("the outer hold is still there").isFalse();
        assertThat(otherThreadCanTake("b")).isTrue();
        locks.unlock("a");
        assertThat(locks.inUse()).isZero();
    }

    @Test
    void freeKeysAreAllTakenAndClosingLetsThemGo() throws Exception {
        KeyedLocks.Held<String> held = locks.tryLockFree(List.of("c", "a", "b", "a"), key -> key);

        assertThat(held.free()).as("every item, in the order given").containsExactly("c", "a", "b", "a");
        assertThat(held.elsewhere()).isEmpty();
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

        try (KeyedLocks.Held<String> held = locks.tryLockFree(List.of("a1", "b1", "c1", "b2"), id -> id.substring(0, 1))) {
            assertThat(held.elsewhere()).as("returns without waiting for b").containsExactly("b1", "b2");
            assertThat(held.free()).containsExactly("a1", "c1");
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
