package io.stagesync.store.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.stagesync.store.StateStore;

/** What the store contracts need from the database-specific test class: an open store on a fresh database. */
public interface StoreFixture {

    Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    /** The store opened for the current test on an empty, migrated database. */
    StateStore store();

    /**
     * Runs {@code threads} copies of the task, released at the same moment, and returns their outcomes in
     * order (the value, or the exception a task threw).
     */
    default <T> List<Object> race(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    outcomes.add(future.get(30, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
