package io.stagesync.sync;

import io.stagesync.connector.SystemCallException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link Sender} per connected system, and when they run.
 *
 * <p>{@link Mode#THREADED} (the service): each sender has a thread of its own, woken when rows are held for its
 * system ({@link #due}) and after each poll of its system; a target that is slow or hangs holds up only that
 * thread, so the other targets' writes and every capture go on. {@link Mode#INLINE} (tests, {@code replay}): the
 * senders run on the polling thread at the end of each poll, the other systems first and the polled one last (a
 * write-back follows its handoff), so a poll returns with its writes sent, as a test expects.
 *
 * <p>Either way a target failing as a whole is not called again until its own next poll (then its outbox drains,
 * after what its users changed meanwhile was read). Thread-safe.
 */
final class Senders implements AutoCloseable {
    /** The reason an outbox row carries while its write is simply waiting for its sender. */
    static final String PLANNED = "planned, waiting for its sender";

    private static final Logger LOG = LoggerFactory.getLogger(Senders.class);
    /** Inline rounds over the senders per poll: a follow-up (write-back, new id) may make another sender due. */
    private static final int INLINE_ROUNDS = 4;

    /** Where the senders run. */
    enum Mode {
        /** On the polling thread, at the end of each poll. */
        INLINE,
        /** Each on a thread of its own. */
        THREADED
    }

    private final Mode mode;
    private final WriteExecutor executor;
    private final Map<String, Sender> senders = new LinkedHashMap<>();
    private final Map<String, Worker> workers = new LinkedHashMap<>();
    private final ThrottledLog failures = new ThrottledLog(LOG);

    /** @param senders one per connected system */
    Senders(Mode mode, WriteExecutor executor, List<Sender> senders) {
        this.mode = mode;
        this.executor = executor;
        for (Sender sender : senders) {
            this.senders.put(sender.system(), sender);
            if (mode == Mode.THREADED) {
                workers.put(sender.system(), new Worker(sender));
            }
        }
    }

    /** Rows were held for {@code system}: wakes its sender (threaded), or leaves it to the end of the poll. */
    void due(String system) {
        Worker worker = workers.get(system);
        if (worker != null) {
            worker.wake();
        }
    }

    /**
     * After a poll of {@code polled}: it answered, so its writes may be sent again; threaded, its sender is woken;
     * inline, every sender with rows runs now (the polled system's last), each failing one skipped.
     *
     * @throws SystemCallException inline, when the polled system fails as a whole while its outbox drains (the
     *     other systems' failures are marked and logged, not thrown: they wait for their own polls)
     */
    void afterPoll(String polled) {
        if (executor.markAnswering(polled) && senders.containsKey(polled)) {
            senders.get(polled).answersAgain();
        }
        if (mode == Mode.THREADED) {
            due(polled);
            return;
        }
        List<Sender> order = new ArrayList<>();
        senders.values().stream().filter(s -> !s.system().equals(polled)).forEach(order::add);
        if (senders.containsKey(polled)) {
            order.add(senders.get(polled));
        }
        runInline(order, polled);
    }

    /**
     * After a poll of {@code polled} failed (its read, so it is not let go again): inline, the other senders with
     * rows run now, so the writes of the pages read before the failure go out as they would have; threaded, they
     * were woken already. Never throws: the poll's own failure is what its caller hears of.
     */
    void afterFailedPoll(String polled) {
        if (mode == Mode.THREADED) {
            return;
        }
        try {
            runInline(senders.values().stream().filter(s -> !s.system().equals(polled)).toList(), null);
        } catch (RuntimeException e) {
            failures.warn("send after " + polled + " " + e.getClass().getName(), "writes planned before the "
                    + polled + " poll failed not sent yet, sent after its next poll: " + ThrottledLog.describe(e), e);
        }
    }

    /** @param polled the system whose whole-call failure is thrown (null: none is) */
    private void runInline(List<Sender> order, String polled) {
        for (int round = 0; round < INLINE_ROUNDS; round++) {
            int done = 0;
            for (Sender sender : order) {
                if (executor.failing(sender.system())) {
                    continue;
                }
                try {
                    done += sender.drain();
                } catch (SystemCallException e) {
                    if (sender.system().equals(polled)) {
                        throw e;
                    }
                }
            }
            if (done == 0) {
                return;
            }
        }
    }

    /** Stops the senders' threads; what they had not sent stays in the outboxes, sent after the next start. */
    @Override
    public void close() {
        workers.values().forEach(Worker::stop);
    }

    /** A sender's own thread: one drain at a time, and one more when woken while draining. */
    private final class Worker {
        private final Sender sender;
        private final ExecutorService thread;
        private final AtomicBoolean woken = new AtomicBoolean();

        Worker(Sender sender) {
            this.sender = sender;
            this.thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "stagesync-send-" + sender.system());
                t.setDaemon(true);
                return t;
            });
        }

        void wake() {
            if (woken.compareAndSet(false, true)) {
                try {
                    thread.execute(this::run);
                } catch (RejectedExecutionException stopped) {
                    woken.set(false);
                }
            }
        }

        private void run() {
            woken.set(false);
            if (executor.failing(sender.system())) {
                return;
            }
            try {
                sender.drain();
            } catch (SystemCallException e) {
                // marked failing by the sender: its rows wait for the system's next poll
                LOG.debug("{} sender stopped: {}", sender.system(), e.getMessage());
            } catch (RuntimeException e) {
                failures.warn("send " + sender.system() + " " + e.getClass().getName(), sender.system()
                        + " writes not sent, tried again after its next poll: " + ThrottledLog.describe(e), e);
            }
        }

        void stop() {
            thread.shutdownNow();
            try {
                if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("{} sender did not stop within 10 s; its unsent writes stay in the outbox",
                            sender.system());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
