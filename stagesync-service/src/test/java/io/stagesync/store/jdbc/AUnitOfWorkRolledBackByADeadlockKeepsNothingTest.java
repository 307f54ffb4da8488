package io.stagesync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.store.StoreException;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.Watermark;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedded H2 answers a deadlock by rolling back the victim's whole transaction. A unit of work whose work absorbs
 * that failure (as a store absorbs a statement's failure per record) must still keep nothing: its commit fails with
 * a {@link StoreException} instead of committing the statements that ran after the rollback as if the unit were
 * whole (see {@link Jdbc#atomically}). Two units take two rows in opposite order.
 */
class AUnitOfWorkRolledBackByADeadlockKeepsNothingTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void theVictimsCommitFailsAndNoneOfItsRowsAreKeptWhileTheOtherUnitCommits() throws Exception {
        try (JdbcStateStore store = JdbcStateStore.open(StoreSettings.h2Default(dataDir))) {
            for (String object : List.of("a", "b")) {
                store.watermarks().advance(new Watermark("x", object, T0, "0"));
            }
            CountDownLatch firstRowsTaken = new CountDownLatch(2);
            CompletableFuture<Boolean> one = CompletableFuture.supplyAsync(() -> unit(store, "a", "b", "one",
                    firstRowsTaken));
            CompletableFuture<Boolean> two = CompletableFuture.supplyAsync(() -> unit(store, "b", "a", "two",
                    firstRowsTaken));

            List<Boolean> committed = List.of(outcome(one), outcome(two));

            assertThat(committed).as("one unit is the deadlock's victim, the other commits")
                    .containsExactlyInAnyOrder(true, false);
            String winner = committed.get(0) ? "one" : "two";
            String victim = committed.get(0) ? "two" : "one";
            assertThat(store.watermarks().get("x", "after-" + victim)).as("the victim's row written after the "
                    + "rollback is not kept").isEmpty();
            assertThat(store.watermarks().get("x", "after-" + winner)).isPresent();
            for (String object : List.of("a", "b")) {
                assertThat(store.watermarks().get("x", object).orElseThrow().lastId()).as(object).isEqualTo(winner);
            }
        }
    }

    /**
     * Moves {@code first}, then {@code second} and a row of its own, absorbing a failure of either.
     *
     * @return true when the unit committed, false when its commit failed
     */
    private static boolean unit(JdbcStateStore store, String first, String second, String name, CountDownLatch both) {
        try {
            store.atomically(() -> {
                store.watermarks().advance(new Watermark("x", first, T0.plusSeconds(1), name));
                both.countDown();
                await(both);
                // each statement's failure absorbed, as a batch absorbs one record's failure and goes on with the others
                for (String object : List.of(second, "after-" + name)) {
                    try {
                        store.watermarks().advance(new Watermark("x", object, T0.plusSeconds(1), name));
                    } catch (StoreException absorbed) {
                        // the next record
                    }
                }
            });
            return true;
        } catch (StoreException e) {
            assertThat(e).hasMessageContaining("rolled it back as a whole");
            return false;
        }
    }

    private static boolean outcome(CompletableFuture<Boolean> unit) throws Exception {
        return unit.get(30, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
