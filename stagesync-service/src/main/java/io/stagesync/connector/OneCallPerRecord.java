package io.stagesync.connector;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Writes a batch to an API that takes one record per call (NetSuite's REST record API, Pardot v5) with up to
 * {@code maxInFlight} calls at once, the ceiling the vendor allows, instead of one after another: at a latency
 * L per call a batch of n records then takes about n ÷ maxInFlight × L rather than n × L.
 *
 * <p>Contract, the same as a loop over the requests except for timing:
 * <ul>
 * <li>results come back in request order, one per request;</li>
 * <li>two requests with the same key, compared ignoring case (e-mail keys are), are never in flight at once: a
 *     batch holding a key twice is written one call after another, in request order, so the later value lands
 *     last;</li>
 * <li>when a call throws (the system failing as a whole, or a request the connector cannot send), no call is
 *     started after it, the calls in flight finish, and the exception of the first failing request in request
 *     order is thrown (when the caller is interrupted, too, the calls in flight are waited for); the records
 *     written before it are written (the callers' upserts are idempotent, so the batch may be sent again).</li>
 * </ul>
 * Thread-safe; {@link #close()} stops its threads (daemon threads, created on first use).
 */
public final class OneCallPerRecord implements AutoCloseable {
    private final String system;
    private final int maxInFlight;
    private ExecutorService pool;
    private boolean closed;

    /**
     * @param system      the system's name, for the threads' names
     * @param maxInFlight calls at once, at least 1 (1 writes one after another on the caller's thread)
     */
    public OneCallPerRecord(String system, int maxInFlight) {
        this.system = Objects.requireNonNull(system, "system");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
    }

    /** The most calls this writes at once. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /**
     * Calls {@code call} once per request, up to {@link #maxInFlight()} at once.
     *
     * @return the results in request order
     * @throws RuntimeException the first failing request's exception (see the class contract)
     */
    public List<WriteResult> each(List<UpsertRequest> requests, Function<UpsertRequest, WriteResult> call) {
        if (maxInFlight == 1 || requests.size() < 2 || !distinctKeys(requests)) {
            List<WriteResult> results = new ArrayList<>(requests.size());
            for (UpsertRequest request : requests) {
                results.add(call.apply(request));
            }
            return results;
        }
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<WriteResult>> futures = new ArrayList<>(requests.size());
        ExecutorService threads = pool();
        for (UpsertRequest request : requests) {
            futures.add(threads.submit(() -> {
                if (failed.get()) {
                    return null;
                }
                try {
                    return call.apply(request);
                } catch (RuntimeException | Error e) {
                    failed.set(true);
                    throw e;
                }
            }));
        }
        List<WriteResult> results = new ArrayList<>(requests.size());
        Throwable first = null;
        boolean interrupted = false;
        // every call started is waited for, whatever happens, so none lands after this returns
        for (Future<WriteResult> future : futures) {
            while (true) {
                try {
                    results.add(future.get());
                    break;
                } catch (ExecutionException e) {
                    first = first == null ? e.getCause() : first;
                    break;
                } catch (CancellationException e) {
                    first = first == null ? new IllegalStateException("the writer to " + system + " was closed", e)
                            : first;
                    break;
                } catch (InterruptedException e) {
                    // no call is started from now on; the ones in flight are still waited for
                    interrupted = true;
                    failed.set(true);
                    first = first == null ? new IllegalStateException("interrupted while writing to " + system, e)
                            : first;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first instanceof Error error) {
            throw error;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
        return results;
    }

    private static boolean distinctKeys(List<UpsertRequest> requests) {
        Set<String> keys = new HashSet<>();
        for (UpsertRequest request : requests) {
            if (!keys.add(request.key().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private synchronized ExecutorService pool() {
        if (closed) {
            throw new IllegalStateException("the writer to " + system + " is closed");
        }
        if (pool == null) {
            AtomicInteger n = new AtomicInteger();
            ThreadFactory named = task -> {
                Thread thread = new Thread(task, "stagesync-" + system + "-write-" + n.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
            pool = Executors.newFixedThreadPool(maxInFlight, named);
        }
        return pool;
    }

    /** Stops the threads; a batch being written gets its calls not yet started cancelled (it then throws). */
    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            for (Runnable never : pool.shutdownNow()) {
                if (never instanceof Future<?> task) {
                    task.cancel(false);
                }
            }
            pool = null;
        }
    }
}
