package io.stagesync.sync;

import io.stagesync.connector.ChangeStream;
import io.stagesync.connector.StreamedChange;
import io.stagesync.connector.SystemRecord;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.store.FencedOutException;
import io.stagesync.store.StateStore;
import io.stagesync.store.XrefEntry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures the objects a system streams (its {@link ChangeStream}, e.g. Salesforce Change Data Capture) instead of
 * polling them, through the same apply path as a poll, always on the in-memory queue it is given (its polls too,
 * whatever queue the engine's other captures use: a deletion or merge is handled at once, so the changes read
 * before it must be applied before it, which a queue between processes would not ensure): a streamed change is read as the record is now
 * ({@code ChangeReader#readRecords}) and offered like a page, so the gate, history and echo suppression by content
 * hash apply alike (our own writes come back as changes and cause nothing). The stream's position is stored after the
 * change was applied; a restart resumes after it.
 *
 * <p>Polls and stream deliveries of one object never run at once (one lock per object), so what is read is applied
 * in the order it was read. While an object's stream is not delivering (not opened yet, catching up, retrying a
 * batch), its polls go on as before; while it delivers, it is still polled every {@link ChangeStream#pollEvery()}
 * (the net for a stream that fails without telling, and what keeps its watermark current): nothing depends on the
 * stream being up. A change the stream cannot name
 * records for (an overflow), and a catch-up the stream asks for (its first subscription, a position the system no
 * longer keeps), are polls from the watermark.
 *
 * <p>A deletion or merge is recorded by {@link SourceDeletions} (history, marked links, links of a merged record
 * moved to the survivor); nothing is deleted in the other systems. An undeleted record is applied as it is now
 * (which clears its link's deletion mark, see {@code ChangeApplier}).
 *
 * <p>With several instances, a delivery or catch-up whose position move is fenced off (another instance leads the
 * system's capture now, see {@link CaptureFence}) fails, and the object's stream is closed here: only the leader
 * subscribes. Thread-safe.
 */
final class StreamCapture {
    private static final Logger LOG = LoggerFactory.getLogger(StreamCapture.class);

    private final StateStore store;
    private final Connectors connectors;
    private final Capture capture;
    private final ChangeQueue queue;
    private final RecentWrites recent;
    private final SourceDeletions deletions;
    private final Map<String, ReentrantLock> objectLocks = new ConcurrentHashMap<>();
    private final Set<String> opened = ConcurrentHashMap.newKeySet();
    /** Objects whose stream is being closed (see {@link #closeLater}): not opened again until that is done. */
    private final Set<String> closing = ConcurrentHashMap.newKeySet();
    /** When each streamed object's last poll ended ({@link System#nanoTime()}). */
    private final Map<String, Long> lastPolled = new ConcurrentHashMap<>();
    private final ThrottledLog failures = new ThrottledLog(LOG);
    private volatile java.util.function.Consumer<PollResult> applied = result -> { };

    StreamCapture(StateStore store, Connectors connectors, Capture capture, ChangeQueue queue, RecentWrites recent,
                  SourceDeletions deletions) {
        this.store = store;
        this.deletions = deletions;
        this.connectors = connectors;
        this.capture = capture;
        this.queue = queue;
        this.recent = recent;
    }

    /** Tells {@code listener} what each streamed batch's records became (for metrics), on the stream's thread. */
    void onApplied(java.util.function.Consumer<PollResult> listener) {
        applied = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** Whether the object is configured to be streamed by its system. */
    boolean streamed(ObjectMapping mapping) {
        return stream(mapping).isPresent();
    }

    /**
     * Whether the object's changes are delivered by its stream now and its safety poll is not due (see
     * {@link ChangeStream#pollEvery()}), so no poll of it is needed.
     */
    boolean delivering(ObjectMapping mapping) {
        return stream(mapping).map(s -> opened.contains(key(mapping)) && s.delivering(mapping.object())
                && System.nanoTime() - lastPolled.getOrDefault(key(mapping), Long.MIN_VALUE / 2)
                < s.pollEvery().toNanos()).orElse(false);
    }

    /** A poll of the object, never at once with a delivery of its stream. */
    PollResult poll(ObjectMapping mapping) {
        ReentrantLock lock = lock(mapping);
        lock.lock();
        try {
            PollResult result = capture.poll(mapping, queue);
            lastPolled.put(key(mapping), System.nanoTime());
            return result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Opens the stream of every streamed object of {@code mappings} not opened yet, after its stored position (or
     * with a catch-up when none is stored); one that cannot be opened is logged and tried again next time, and is
     * polled meanwhile.
     */
    void open(List<ObjectMapping> mappings) {
        for (ObjectMapping mapping : mappings) {
            Optional<ChangeStream> stream = stream(mapping);
            if (stream.isEmpty() || opened.contains(key(mapping)) || closing.contains(key(mapping))) {
                continue;
            }
            try {
                Optional<String> after = store.streamPositions().get(mapping.system(), mapping.object());
                stream.get().open(mapping.object(), after, new Sink(mapping));
                opened.add(key(mapping));
            } catch (RuntimeException e) {
                failures.warn("open stream " + key(mapping), mapping.system() + " " + mapping.object()
                        + ": its change stream could not be opened, polled meanwhile and tried again next poll: "
                        + ThrottledLog.describe(e), e);
            }
        }
    }

    /**
     * Closes an object's stream because another instance leads its capture now (its position move was fenced off),
     * on a thread of its own: the stream may be delivering on the thread that found out. The new leader opens its
     * own; this instance opens the object's stream again only once it leads and polls that system again, and not
     * before the close is done (it would close the new subscription).
     */
    private void closeLater(ObjectMapping mapping, FencedOutException why) {
        String key = key(mapping);
        if (!opened.contains(key) || !closing.add(key)) {
            return;
        }
        opened.remove(key);
        LOG.info("{} {}: closing its change stream here: {}", mapping.system(), mapping.object(), why.getMessage());
        Thread thread = new Thread(() -> {
            try {
                stream(mapping).ifPresent(s -> s.close(mapping.object()));
            } catch (RuntimeException e) {
                LOG.warn("{} {}: its change stream did not close cleanly: {}", mapping.system(), mapping.object(),
                        ThrottledLog.describe(e), e);
            } finally {
                closing.remove(key);
            }
        }, "stagesync-close-stream-" + mapping.system());
        thread.setDaemon(true);
        thread.start();
    }

    private Optional<ChangeStream> stream(ObjectMapping mapping) {
        return connectors.stream(mapping.system()).filter(s -> s.objects().contains(mapping.object()));
    }

    private ReentrantLock lock(ObjectMapping mapping) {
        return objectLocks.computeIfAbsent(key(mapping), k -> new ReentrantLock());
    }

    private static String key(ObjectMapping mapping) {
        return mapping.system() + "/" + mapping.object();
    }

    /** What one object's stream delivers to. */
    private final class Sink implements ChangeStream.Sink {
        private final ObjectMapping mapping;

        Sink(ObjectMapping mapping) {
            this.mapping = mapping;
        }

        /**
         * Applies the batch in order: the records of consecutive changes are read and offered together (one read
         * per 200 ids), a deletion or a resync between them keeps its place; then stores the last position.
         */
        @Override
        public void accept(List<StreamedChange> changes) {
            if (changes.isEmpty()) {
                return;
            }
            ReentrantLock lock = lock(mapping);
            lock.lock();
            try {
                Set<String> changed = new LinkedHashSet<>();
                for (StreamedChange change : changes) {
                    switch (change.kind()) {
                        case CHANGED -> changed.addAll(change.ids());
                        case UNDELETED -> changed.addAll(change.ids());
                        case DELETED -> {
                            applyCurrent(changed);
                            changed.clear();
                            deletions.record(mapping, change, this::applyCurrent);
                        }
                        case RESYNC -> {
                            applyCurrent(changed);
                            changed.clear();
                            LOG.info("{} {}: {} names no records; reading its changes since the watermark",
                                    mapping.system(), mapping.object(), change.description());
                            capture.poll(mapping, queue);
                        }
                        default -> throw new IllegalStateException("unknown change kind " + change.kind());
                    }
                }
                applyCurrent(changed);
                String position = changes.get(changes.size() - 1).position();
                capture.moveOn(mapping, () -> store.streamPositions().save(mapping.system(), mapping.object(),
                        position));
            } catch (FencedOutException e) {
                closeLater(mapping, e);
                throw e;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public Optional<java.time.Instant> catchUp(String reason) {
            ReentrantLock lock = lock(mapping);
            lock.lock();
            try {
                LOG.info("{} {}: catching up from the watermark ({})", mapping.system(), mapping.object(), reason);
                capture.moveOn(mapping, () -> store.streamPositions().forget(mapping.system(), mapping.object()));
                capture.poll(mapping, queue);
                return store.watermarks().get(mapping.system(), mapping.object()).map(w -> w.modstamp());
            } catch (FencedOutException e) {
                closeLater(mapping, e);
                throw e;
            } finally {
                lock.unlock();
            }
        }

        private void applyCurrent(Set<String> ids) {
            if (ids.isEmpty()) {
                return;
            }
            long readStart = recent.beginRead();
            try {
                List<SystemRecord> records = connectors.get(mapping.system()).orElseThrow().reader()
                        .readRecords(mapping.object(), ids);
                if (records.isEmpty()) {
                    LOG.debug("{} {}: {} streamed changes: no record to apply (gone, or outside the object's filter)",
                            mapping.system(), mapping.object(), ids.size());
                    return;
                }
                PollResult result = queue.offer(mapping, records, ChangeQueue.Mode.APPLY_AND_WRITE, readStart);
                applied.accept(result);
                if (result.read() > result.echoes() + result.queued()) {
                    LOG.info("{} {} (streamed): read {}, applied {}, echoes {}, held {}, dead letters {}",
                            mapping.system(), mapping.object(), result.read(), result.applied(), result.echoes(),
                            result.held(), result.deadLettered());
                }
            } finally {
                recent.endRead(readStart);
            }
        }

    }
}
