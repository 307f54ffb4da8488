package io.stagesync.sync;

import io.stagesync.connector.SystemRecord;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.stage.StageModel;
import io.stagesync.store.StateStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync engine, assembled from its seam: {@link Capture} reads a system's changed records page by page and owns
 * the watermarks; it offers each page to the {@link ChangeQueue} ({@link InlineChangeQueue} in one process), which
 * hands it to {@link Apply}: each record applied to its canonical record ({@link ChangeApplier}) and the writes it
 * plans held in their targets' durable outboxes in the same unit of work; one {@link Sender} per target drains its
 * outbox ({@link WriteExecutor} sends and remembers), on its own thread or at the end of each poll ({@link SendMode}).
 *
 * <p>The watermark of (system, object) advances after a page only when every record of it is safe: applied with
 * its writes in the outboxes, or dead-lettered with its payload and reason. It depends on no target: a target that is
 * down, slow or hangs delays only its own writes, and gets each of them once when it answers (a row leaves the
 * outbox only after its write was remembered). A failed read of the source (system down, breaker open) leaves the
 * watermark where it was, so the page is read again next time; upserts by external id and the content hashes make
 * that repeat harmless. Each poll starts a look-back window behind the watermark (see {@link LookBack}); a record
 * read again unchanged equals its system object's last known state and is dropped without a write, and a record
 * read again that already went to the dead letters unchanged is not dead-lettered twice. Thread-safe: pollers of
 * different systems may run at once; changes to one canonical record are applied one at a time (see
 * {@link PageLocks}), and each target's writes go out from its one sender, planned from the record as it is then,
 * so each value reaches each system once even when polls overlap.
 */
public final class SyncEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

    private final SyncMappings mappings;
    private final Connectors connectors;
    private final Capture capture;
    private final StreamCapture streams;
    private final DeadLetterReplays replays;
    private final Senders senders;
    private final StageReconciler reconciler;
    private final StageRepairs repairs;
    /** Systems whose initial capture has not succeeded yet: writes to them wait (see {@link #initialCapture()}). */
    private final Set<String> capturePending = ConcurrentHashMap.newKeySet();
    private final ThrottledLog failures = new ThrottledLog(LOG);
    private final KeyedLocks locks;
    private final RecentWrites recent;
    private final CanonicalValues values;
    private final StateStore store;
    private final Clock clock;
    private final List<Sender> senderList = new ArrayList<>();
    private final WriteExecutor executor;
    private final java.util.concurrent.atomic.AtomicReference<java.util.function.Consumer<PollResult>> appliedApart =
            new java.util.concurrent.atomic.AtomicReference<>(result -> { });

    /** An engine whose writes are sent on the polling thread at the end of each poll (tests, one-shot commands). */
    public SyncEngine(StageModel model, SyncMappings mappings, StateStore store, Connectors connectors,
                      SyncSettings settings, Clock clock) {
        this(model, mappings, store, connectors, settings, clock, SendMode.ON_THE_POLLING_THREAD);
    }

    /**
     * @param sending where each target's writes are sent from (see {@link SendMode}); with
     *                {@link SendMode#ONE_THREAD_PER_TARGET} close the engine to stop those threads
     */
    public SyncEngine(StageModel model, SyncMappings mappings, StateStore store, Connectors connectors,
                      SyncSettings settings, Clock clock, SendMode sending) {
        this(model, mappings, store, connectors, settings, clock, sending, null);
    }

    /**
     * @param sending where each target's writes are sent from (see {@link SendMode}); a queue between processes
     *                applies on its own threads, so give it {@link SendMode#ONE_THREAD_PER_TARGET}
     * @param queue   builds the queue between capture and apply around the engine's apply side; {@code null} =
     *                the in-memory {@link InlineChangeQueue}. The engine does not close it: its builder does
     */
    public SyncEngine(StageModel model, SyncMappings mappings, StateStore store, Connectors connectors,
                      SyncSettings settings, Clock clock, SendMode sending, ChangeQueue.Factory queue) {
        this.mappings = mappings;
        this.connectors = connectors;
        KeyedLocks locks = new KeyedLocks();
        this.locks = locks;
        RecentWrites recent = new RecentWrites();
        this.recent = recent;
        HandledVersions versions = new HandledVersions();
        CanonicalValues values = new CanonicalValues(model);
        this.values = values;
        this.store = store;
        this.clock = clock;
        WritePlanner planner = new WritePlanner(model, mappings, values, store.xrefs(), connectors);
        StageDecider decider = new StageDecider(model, store.stageHistory(), store.xrefs(), mappings.salesOrders(), clock);
        ChangeApplier applier = new ChangeApplier(store, mappings, new RecordTranslator(model, values, settings.maxValueChars()),
                new IdentityResolver(store.xrefs(), store.matchKeys(), mappings, store.warnings()), new FieldMerger(mappings, values),
                decider, planner, values, locks, recent, versions);
        WonDealHandler wonDeals = new WonDealHandler(store, mappings, decider, planner, values, connectors, settings);
        WriteExecutor executor = new WriteExecutor(store, connectors, planner, values, locks, recent, capturePending::contains);
        this.executor = executor;
        java.util.concurrent.atomic.AtomicReference<Senders> due = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.function.Consumer<String> wake = system -> due.get().due(system);
        SendClaims claims = SendClaims.local();
        executor.claimWith(claims, wake);
        Apply apply = new Apply(model, store, mappings, settings, applier, wonDeals, planner, locks, wake);
        ChangeQueue inline = new InlineChangeQueue(apply);
        ChangeQueue changes = queue == null ? inline : queue.create(new ChangeQueue.Applier() {
            @Override
            public PollResult apply(ObjectMapping source, List<SystemRecord> page, ChangeQueue.Mode mode,
                                    long readStart) {
                PollResult result = applyHere(source, page, mode, readStart);
                appliedApart.get().accept(result);
                return result;
            }

            @Override
            public PollResult applyHere(ObjectMapping source, List<SystemRecord> page, ChangeQueue.Mode mode,
                                        long readStart) {
                return apply.page(source, page, mode == ChangeQueue.Mode.APPLY_ONLY, readStart);
            }

            @Override
            public long beginRead() {
                return recent.beginRead();
            }

            @Override
            public boolean readStartsShared() {
                return recent.shared();
            }

            @Override
            public void holdRead(long readStart) {
                recent.hold(readStart);
            }

            @Override
            public void endRead(long readStart) {
                recent.endRead(readStart);
            }

            @Override
            public java.util.Optional<ObjectMapping> mapping(String system, String object) {
                return mappings.objectsOf(system).stream().filter(m -> m.object().equals(object)).findFirst();
            }

            @Override
            public void deadLetter(SystemRecord record, String reason) {
                store.deadLetters().addOrUpdate(DeadLetterKeys.read(record.system(), record.objectType(), record.id()),
                        record.system(), record.objectType(), record.id(),
                        DeadLetterPayload.ofRead(record, settings.maxValueChars()), reason);
                appliedApart.get().accept(new PollResult(record.system(), record.objectType(), 1, 0, 0, 0, 1, 0, 0));
            }

            @Override
            public void deadLetterMessage(String queue, String where, String message, String reason) {
                store.deadLetters().addOrUpdate("queue " + queue + " " + where, "queue", queue, where,
                        message == null ? "(no value)" : message, reason);
                appliedApart.get().accept(new PollResult("queue", queue, 1, 0, 0, 0, 1, 0, 0));
            }
        });
        this.capture = new Capture(store, connectors, settings, new LookBack(settings, clock), recent, versions, changes);
        // streamed batches are applied where they are read, whatever the queue: a deletion or merge is handled at
        // once, so the changes before it must be applied before it (a queue would apply them after)
        this.streams = new StreamCapture(store, connectors, capture, inline, recent,
                new SourceDeletions(store, connectors, locks, clock, apply::relinks, wake));
        this.replays = new DeadLetterReplays(store, mappings, applier, wonDeals, planner, executor, locks, apply::relinks,
                connectors);
        List<Sender> perTarget = this.senderList;
        for (String system : connectors.systems().stream().sorted().toList()) {
            perTarget.add(new Sender(system, store, mappings, executor, planner, replays, locks, wake, claims));
        }
        this.senders = new Senders(sending == SendMode.ONE_THREAD_PER_TARGET ? Senders.Mode.THREADED
                : Senders.Mode.INLINE, executor, perTarget);
        due.set(senders);
        this.reconciler = new StageReconciler(model, mappings, store, connectors, clock);
        this.repairs = new StageRepairs(store, mappings, planner, executor, locks);
    }

    /**
     * Sends each target's writes only while {@code sends} says so for it (several instances: once the target's
     * capture leader has read it in its current lead, see {@link SyncEngine#initialCapture(java.util.Collection)});
     * meanwhile the rows wait in the outbox. Call before the first poll.
     */
    public void sendOnlyWhere(java.util.function.Predicate<String> sends) {
        senderList.forEach(sender -> sender.sendOnlyWhere(sends));
    }

    /**
     * Claims each record's write to a target with {@code claims} (see {@link SendClaims}), claims that hold across the
     * instances on the store (several instances: a replay or repair on one while another's sender has the record in
     * flight). Call before the first poll.
     */
    public void claimSendsWith(SendClaims claims) {
        senderList.forEach(sender -> sender.claimWith(claims));
        executor.claimWith(claims, system -> senders.due(system));
    }

    /**
     * Shares each target's outbox with the senders of the other instances on the store: every instance sends, each a
     * batch of the records it claimed ({@link SendClaims}, which must hold across the instances), so the writes to one
     * target are spread over the instances and no record is in flight to it from two at once. Call before the first
     * poll.
     */
    public void shareSends(SendClaims claims) {
        claimSendsWith(claims);
        senderList.forEach(Sender::share);
        // an instance that does not poll a target never hears it answers again after failing as a whole
        executor.retryFailingAfter(SHARED_SENDS_RETRY_FAILING);
    }

    /** After how long an instance sharing the sends tries a target failing as a whole again (see {@link #shareSends}). */
    static final java.time.Duration SHARED_SENDS_RETRY_FAILING = java.time.Duration.ofSeconds(10);

    /**
     * Remembers the writes in the store ({@link StateStore#recentWrites()}), so that a change read by one instance
     * and applied by another is still corrected for what was written to its record while it was read (see
     * {@link RecentWrites}). Call before the first poll, on every instance sharing the store.
     */
    public void shareRecentWrites() {
        recent.share(store.recentWrites(), (key, raw) -> raw == null ? null
                : key.equals(ProjectionKeys.STAGE) || ProjectionKeys.isLink(key) ? raw.toString()
                : values.read(key, raw), clock);
    }

    /**
     * Shares the engine's record locks with the other instances on the store (see {@link SharedRecordLocks}), so
     * no two instances apply or write one record at once. Call before the first poll.
     */
    public void shareRecordLocks(SharedRecordLocks shared) {
        locks.share(shared);
    }

    /**
     * Sets the check every move of a watermark or stream position passes first, in the same unit of work (see
     * {@link CaptureFence}); with several instances, the capture leadership's. Call before the first poll.
     */
    public void fenceCaptures(CaptureFence fence) {
        capture.fence(fence);
    }

    /**
     * Reads the stage every connected system shows for each linked record and compares it with the canonical
     * stage (see {@link StageReconciler}); writes nothing. Safe while polls run. A system object whose read fails
     * is reported with its error.
     */
    public ReconcileReport reconcile() {
        return reconciler.reconcile();
    }

    /** As {@link #reconcile()}, stopping a system's reads when the budget says its API allowance has no room. */
    public ReconcileReport reconcile(StageReconciler.Budget budget) {
        return reconciler.reconcile(budget);
    }

    /**
     * Writes the canonical stage to each drifting record of the report through the normal write path (see
     * {@link StageRepairs}); safe while polls run.
     *
     * @return per drift, in order, what became of it
     */
    public List<String> repair(ReconcileReport report) {
        return repairs.repair(report);
    }

    /**
     * Applies a dead letter's payload again, the way a poll applies a record, with the configuration this
     * engine runs with (see {@link DeadLetterReplays} for what that means per kind of letter). Safe to call
     * while polls run: changes to one canonical record are serialized by the same locks. Does not change the
     * letter's status; the caller records the outcome.
     *
     * @throws io.stagesync.connector.SystemCallException when a whole call to a system fails
     */
    public ReplayOutcome replay(io.stagesync.store.DeadLetter letter) {
        return replays.replay(letter);
    }

    /**
     * Polls every mapped object of a system that is not streamed now (see {@link StreamCapture}: an object whose
     * change stream is delivering is skipped), in config order, until no changes are left, then opens the streams of
     * the system's streamed objects not open yet, then lets the system's
     * sender go again (its outbox may hold writes from while it failed) and, with
     * {@link SendMode#ON_THE_POLLING_THREAD}, runs the senders with writes due (the other systems first). A target
     * failing as a whole does not fail the poll: its writes wait in its outbox.
     *
     * @return one result per object
     * @throws io.stagesync.connector.SystemCallException when a read fails after the resilience policy gave up
     *     (the current page stays uncommitted), or the system's held writes fail to go out as a whole
     */
    public List<PollResult> poll(String system) {
        if (connectors.get(system).isEmpty()) {
            throw new IllegalArgumentException("no connector configured for " + system);
        }
        List<PollResult> results = new ArrayList<>();
        boolean read = false;
        try {
            for (ObjectMapping mapping : mappings.objectsOf(system)) {
                if (!streams.delivering(mapping)) {
                    results.add(streams.streamed(mapping) ? streams.poll(mapping) : capture.poll(mapping));
                }
            }
            read = true;
        } finally {
            if (!read) {
                senders.afterFailedPoll(system);
            }
        }
        streams.open(mappings.objectsOf(system));
        // read first: what its users changed while it failed is known before its held writes are planned again
        senders.afterPoll(system);
        return results;
    }

    /**
     * Tells {@code listener} what the records of each streamed batch became (a streamed object's changes are not
     * in {@link #poll}'s results), on the stream's thread, and what the changes a queue between processes applied
     * became (see {@link ChangeQueue.Applier}), on the queue's thread; one listener, replacing any earlier.
     */
    public void onAppliedApart(java.util.function.Consumer<PollResult> listener) {
        appliedApart.set(java.util.Objects.requireNonNull(listener, "listener"));
        streams.onApplied(listener);
    }

    /** Stops the senders' threads, if any; writes not sent stay in the outboxes and go after the next start. */
    @Override
    public void close() {
        senders.close();
    }

    /**
     * The first read of each system by this process, before anything is written to it: reads its records and
     * applies them to the canonical store (identity, merge, stage placement) WITHOUT writing anything and without
     * advancing its watermarks. For an object never synced before, every record is read, so records that already
     * exist on both sides are matched (by link fields or match keys) before any is created. For one synced before
     * (a restart, perhaps after a crash), the changes since its watermark are read, look-back window included, so
     * what users changed there while stagesync was down is known before stagesync writes there: a write planned
     * from an older state (e.g. one sent just before a crash and never remembered) would otherwise overwrite it.
     * The next {@link #poll} reads the same records again and writes only real differences. Systems are captured
     * in name order, so the outcome does not depend on configuration order.
     *
     * <p>Each system is captured on its own: one that cannot be read (its API refuses the query, it is down)
     * is logged and stays pending ({@link #capturePending}) while the others are captured; {@link #capture}
     * tries it again. Until a system is captured, writes to it wait as dead letters that say so (replayed once
     * it is, see {@link WriteExecutor}), because records it holds could not be matched or caught up with yet.
     *
     * @return the systems captured
     */
    public List<String> initialCapture() {
        return initialCapture(connectors.systems());
    }

    /**
     * As {@link #initialCapture()}, for the given systems only (in name order): with several instances, each captures
     * the systems whose capture it leads when it takes the lead; writes to the others are not held by this instance.
     *
     * @return the systems captured
     */
    public List<String> initialCapture(java.util.Collection<String> systems) {
        List<String> pending = new ArrayList<>();
        for (String system : systems.stream().filter(connectors.systems()::contains).sorted().toList()) {
            if (!mappings.objectsOf(system).isEmpty()) {
                pending.add(system);
            }
        }
        capturePending.addAll(pending);
        List<String> captured = new ArrayList<>();
        for (String system : pending) {
            try {
                capture(system);
                captured.add(system);
            } catch (RuntimeException e) {
                failures.warn("capture " + system + " " + e.getClass().getName(), "initial capture of " + system
                        + " failed, tried again at its next poll; the other systems go on: "
                        + ThrottledLog.describe(e), e);
            }
        }
        return captured;
    }

    /**
     * Captures one system whose initial capture is pending (see {@link #initialCapture()}); does nothing for a
     * system that is not pending.
     *
     * @throws io.stagesync.connector.SystemCallException when a read fails (the system stays pending)
     */
    public void capture(String system) {
        if (!capturePending.contains(system)) {
            return;
        }
        boolean caughtUp = false;
        for (ObjectMapping mapping : mappings.objectsOf(system)) {
            caughtUp |= capture.catchUp(mapping);
        }
        capturePending.remove(system);
        LOG.info(caughtUp ? "{} caught up since its watermarks: changes applied, nothing written yet"
                : "initial capture of {} done: records matched, nothing written yet", system);
    }

    /** Whether a system's initial capture is still to be done (it failed, or has not run yet). Thread-safe. */
    public boolean capturePending(String system) {
        return capturePending.contains(system);
    }
}
