package io.stagesync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the embedded H2 store a unit of work waits for the row locks of another unit that holds them longer than H2's
 * own 2 s default (a sender's unit for a 200-record batch on a busy machine), as PostgreSQL does, instead of failing
 * with "Timeout trying to lock table" (see {@link StoreSettings#connectionUrl()}).
 */
class H2UnitOfWorkWaitsForAnothersRowLocksTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void aSecondWriterOfTheSameRowWaitsOutALongUnitAndThenWrites() throws Exception {
        try (JdbcStateStore store = JdbcStateStore.open(StoreSettings.h2Default(dataDir))) {
            store.watermarks().advance(new Watermark("netsuite", "customer", T0, "1"));
            CountDownLatch holding = new CountDownLatch(1);
            CompletableFuture<Void> longUnit = CompletableFuture.runAsync(() -> store.atomically(() -> {
                store.watermarks().advance(new Watermark("netsuite", "customer", T0.plusSeconds(1), "2"));
                holding.countDown();
                sleep(3_000);
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

            boolean advanced = store.atomically(() ->
                    store.watermarks().advance(new Watermark("netsuite", "customer", T0.plusSeconds(2), "3")));

            longUnit.get(10, TimeUnit.SECONDS);
            assertThat(advanced).as("written after the long unit committed, not timed out").isTrue();
            assertThat(store.watermarks().get("netsuite", "customer")).hasValueSatisfying(w ->
                    assertThat(w.lastId()).isEqualTo("3"));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
