package io.stagesync.sync;

import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.SystemRecord;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.stage.InvalidRecordException;
import io.stagesync.stage.StageModel;
import io.stagesync.store.StateStore;
import io.stagesync.store.Watermark;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync engine: polls a system's changed records page by page and applies each one
 * (see {@link ChangeApplier}), then writes the planned changes to the other systems in batches.
 *
 * <p>The watermark of (system, object) advances after a page only when every record of it is
 * safe: applied and written, held in a failing target's outbox (sent once it answers, see {@link OutboxSender}),
 * or dead-lettered with its payload and reason. So a target that is down or hangs delays only its own writes.
 * A failed read of the source (system down, breaker open) leaves the watermark where it was, so the page is read
 * again next time; upserts by external id and the content hashes make that repeat harmless. Each poll starts
 * a look-back window behind the watermark (see {@link LookBack}), so a change that becomes visible
 * with a modstamp the watermark has already passed is read too; a record read again unchanged
 * equals its system object's last known state and is dropped without a write (see
 * {@link ChangeApplier}), and a record read again that already went to the dead letters unchanged
 * is not dead-lettered twice. Thread-safe:
 * pollers of different systems may run at once; changes to one canonical record are applied,
 * written and remembered as written one at a time, so each value reaches each system once even
 * when polls overlap (see {@link PageLocks}).
 */
public final class SyncEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

    private final StageModel model;
    private final StateStore store;
    private final SyncMappings mappings;
    private final Connectors connectors;
    private final SyncSettings settings;
    private final ChangeApplier applier;
    private final WonDealHandler wonDeals;
    private final WritePlanner planner;
    private final WriteExecutor executor;
    private final DeadLetterReplays replays;
    private final OutboxSender outbox;
    private final KeyedLocks locks = new KeyedLocks();
    private final RecentWrites recent = new RecentWrites();
    private final LookBack lookBack;
    private final FailedReads failedReads = new FailedReads();
    private final HandledVersions versions = new HandledVersions();
    /** Systems whose initial capture has not succeeded yet: writes to them wait (see {@link #initialCapture()}). */
    private final Set<String> capturePending = ConcurrentHashMap.newKeySet();
    private final ThrottledLog failures = new ThrottledLog(LOG);

    public SyncEngine(StageModel model, SyncMappings mappings, StateStore store, Connectors connectors,
                      SyncSettings settings, Clock clock) {
        this.model = model;
        this.store = store;
        this.mappings = mappings;
        this.connectors = connectors;
        this.settings = settings;
        CanonicalValues values = new CanonicalValues(model);
        this.planner = new WritePlanner(model, mappings, values, store.xrefs(), connectors);
        StageDecider decider = new StageDecider(model, store.stageHistory(), store.xrefs(), mappings.salesOrders(), clock);
        this.applier = new ChangeApplier(store, mappings, new RecordTranslator(model, values, settings.maxValueChars()),
                new IdentityResolver(store.xrefs(), store.matchKeys(), mappings, store.warnings()), new FieldMerger(mappings, values),
                decider, planner, values, locks, recent, versions);
        this.wonDeals = new WonDealHandler(store, mappings, decider, planner, values, connectors, settings);
        this.executor = new WriteExecutor(store, connectors, planner, values, locks, recent, capturePending::contains);
        this.lookBack = new LookBack(settings, clock);
        this.replays = new DeadLetterReplays(store, mappings, applier, wonDeals, planner, executor, locks, this::relinks,
                connectors);
        this.outbox = new OutboxSender(store, executor, replays, locks, this::relinks);
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
     * Polls every mapped object of a system, in config order, until no changes are left, then sends the writes
     * held in its outbox (see {@link OutboxSender}). A target failing as a whole does not fail the poll: its
     * writes are held in its outbox and the page is committed (see {@link WriteExecutor}).
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
        for (ObjectMapping mapping : mappings.objectsOf(system)) {
            results.add(poll(mapping));
        }
        // read first: what its users changed while it failed is known before its held writes are planned again
        outbox.drain(system);
        return results;
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
        List<String> pending = new ArrayList<>();
        for (String system : connectors.systems().stream().sorted().toList()) {
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
            ChangePosition after = lookBack.start(mapping.system(), mapping.object(),
                    store.watermarks().get(mapping.system(), mapping.object()));
            caughtUp |= after != null;
            long readStart = recent.beginRead();
            try {
                connectors.get(system).orElseThrow().reader().readChanges(mapping.object(), after, settings.pageSize(),
                        (page, end) -> {
                            applyPage(mapping, page, true, readStart);
                            return true;
                        });
            } finally {
                recent.endRead(readStart);
            }
        }
        capturePending.remove(system);
        LOG.info(caughtUp ? "{} caught up since its watermarks: changes applied, nothing written yet"
                : "initial capture of {} done: records matched, nothing written yet", system);
    }

    /** Whether a system's initial capture is still to be done (it failed, or has not run yet). Thread-safe. */
    public boolean capturePending(String system) {
        return capturePending.contains(system);
    }

    private PollResult poll(ObjectMapping mapping) {
        Instant started = lookBack.now();
        ChangePosition after = lookBack.start(mapping.system(), mapping.object(),
                store.watermarks().get(mapping.system(), mapping.object()));
        PollResult[] total = {new PollResult(mapping.system(), mapping.object(), 0, 0, 0, 0, 0, 0, 0)};
        long readStart = recent.beginRead();
        try {
            connectors.get(mapping.system()).orElseThrow().reader().readChanges(mapping.object(), after,
                    settings.pageSize(), (page, end) -> {
                        total[0] = total[0].plus(applyPage(mapping, page, false, readStart));
                        store.watermarks().advance(new Watermark(mapping.system(), mapping.object(), end.modstamp(),
                                end.cursor()));
                        versions.forgetBefore(mapping.system(), mapping.object(),
                                end.modstamp().minus(settings.lookBack(mapping.system())));
                        return true;
                    });
        } finally {
            recent.endRead(readStart);
        }
        lookBack.polled(mapping.system(), mapping.object(), started,
                store.watermarks().get(mapping.system(), mapping.object()));
        if (total[0].read() > total[0].echoes()) {
            LOG.info("{} {}: read {}, applied {}, echoes {}, held {}, dead letters {}, empty stage fields {}",
                    mapping.system(), mapping.object(), total[0].read(), total[0].applied(), total[0].echoes(),
                    total[0].held(), total[0].deadLettered(), total[0].emptyStageFields());
        } else if (total[0].read() > 0) {
            LOG.debug("{} {}: read {}, nothing new", mapping.system(), mapping.object(), total[0].read());
        }
        return total[0];
    }

    /**
     * Applies a page and writes what it planned, holding each record's lock from its apply until
     * its writes are sent and remembered (see {@link PageLocks}), so a concurrent poll of another
     * system plans against what was really written. Then the states read are remembered as their
     * system objects' last known states (not for a capture, whose writes are left to the next poll).
     */
    private PollResult applyPage(ObjectMapping mapping, List<SystemRecord> page, boolean captureOnly, long readStart) {
        List<PlannedWrite> writes = new ArrayList<>();
        List<ChangeApplier.Seen> seen = new ArrayList<>();
        List<String> won = new ArrayList<>();
        Map<String, SystemRecord> sources = new LinkedHashMap<>();
        int applied = 0;
        int echoes = 0;
        int held = 0;
        int dead = 0;
        int empty = 0;
        boolean hasStageField = model.mapping(mapping.system(), mapping.object()).isPresent();
        Runnable flush = captureOnly ? () -> {
            writes.clear();
            seen.clear();
        } : () -> {
            write(writes, mapping.system());
            applier.rememberSeen(seen);
        };
        try (PageLocks locked = new PageLocks(locks, flush)) {
            for (SystemRecord record : page) {
                int plannedBefore = -1;
                int seenBefore = -1;
                int wonBefore = won.size();
                try {
                    ChangeApplier.Resolved resolved = applier.resolve(mapping, record);
                    if (hasStageField && resolved.incoming().stageValue() == null) {
                        empty++;
                        LOG.debug("{} {} {}: stage field empty: no move proposed; the record keeps its stage (a new "
                                + "one starts at its entry stage) and that stage is written into the field",
                                mapping.system(), mapping.object(), record.id());
                    }
                    locked.hold(resolved.canonicalId());
                    plannedBefore = writes.size();
                    seenBefore = seen.size();
                    switch (applier.apply(resolved, readStart, writes, won, seen)) {
                        case APPLIED -> applied++;
                        case ECHO, SUPERSEDED -> echoes++;
                        case HELD -> held++;
                    }
                    failedReads.forget(record);
                    for (int i = wonBefore; i < won.size(); i++) {
                        sources.put(won.get(i), record);
                    }
                    store.deadLetters().resolveOpen(DeadLetterKeys.read(mapping.system(), mapping.object(), record.id()),
                            "superseded: " + mapping.label() + " " + record.id() + " was read again (changed "
                                    + record.modstamp() + ") and applied without error");
                } catch (io.stagesync.connector.SystemCallException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // whatever the cause (a value it cannot hold, a store error, a bug), this record alone goes to
                    // the dead letters with its payload and reason, and the page goes on
                    if (plannedBefore >= 0 && writes.size() > plannedBefore) {
                        writes.subList(plannedBefore, writes.size()).clear();
                    }
                    if (seenBefore >= 0 && seen.size() > seenBefore) {
                        seen.subList(seenBefore, seen.size()).clear();
                    }
                    won.subList(wonBefore, won.size()).clear();
                    String payload = DeadLetterPayload.ofRead(record, settings.maxValueChars());
                    if (failedReads.isRepeat(record, payload)) {
                        // the same version read again through the look-back window: its letter is already there
                        echoes++;
                        continue;
                    }
                    dead++;
                    deadLetter(mapping, record, payload, e);
                    failedReads.failed(record, payload);
                }
            }
            if (captureOnly) {
                return new PollResult(mapping.system(), mapping.object(), page.size(), applied, echoes, held, dead, 0, empty);
            }
            for (String deal : won) {
                int plannedBefore = writes.size();
                try {
                    wonDeals.onWon(deal, mapping.system(), sources.get(deal).id(), writes, locked);
                } catch (io.stagesync.connector.SystemCallException e) {
                    throw e;
                } catch (RuntimeException e) {
                    if (writes.size() > plannedBefore) {
                        writes.subList(plannedBefore, writes.size()).clear();
                    }
                    dead++;
                    deadLetter(mapping, sources.get(deal), DeadLetterPayload.ofRead(sources.get(deal),
                            settings.maxValueChars()), e);
                }
            }
            flush.run();
        }
        return new PollResult(mapping.system(), mapping.object(), page.size(), applied, echoes, held, dead, 1, empty);
    }

    /**
     * Puts a record that could not be applied in the dead letters (updating its open letter when it has one),
     * and logs one line (the same record's same failure at most once per {@link ThrottledLog#DEFAULT_WINDOW}).
     *
     * @throws io.stagesync.store.StoreException when even the dead letter cannot be stored (the page then fails
     *     and is read again: nothing is lost)
     */
    private void deadLetter(ObjectMapping mapping, SystemRecord record, String payload, RuntimeException e) {
        boolean expected = e instanceof UntranslatableRecordException || e instanceof AmbiguousMatchException
                || e instanceof InvalidRecordException || e instanceof io.stagesync.store.XrefConflictException;
        String reason = expected && e.getMessage() != null ? e.getMessage()
                : mapping.label() + " " + record.id() + " could not be applied: " + ThrottledLog.describe(e);
        io.stagesync.store.DeadLetter letter = store.deadLetters().addOrUpdate(
                DeadLetterKeys.read(mapping.system(), mapping.object(), record.id()), mapping.system(), mapping.object(),
                record.id(), payload, reason);
        failures.warn("read " + mapping.system() + " " + mapping.object() + " " + record.id() + " "
                        + e.getClass().getName(),
                "dead letter " + letter.id() + " (attempt " + letter.attempts() + "): "
                        + (reason.startsWith(mapping.label() + " " + record.id()) ? reason
                        : mapping.label() + " " + record.id() + ": " + reason), expected ? null : e);
    }

    /**
     * Sends the planned writes of changes read from {@code source}, the other systems first and the write-back to
     * the source last (see {@link WriteExecutor#executeSourceLast}), then the reverse links of records they
     * created; empties the list.
     */
    private void write(List<PlannedWrite> writes, String source) {
        List<PlannedWrite> batch = List.copyOf(writes);
        writes.clear();
        Set<String> linked = executor.executeSourceLast(batch, source);
        if (!linked.isEmpty()) {
            executor.executeHolding(relinks(linked));
        }
    }

    /** After records were created in a target, tell their other systems the new ids (the reverse link). */
    private List<PlannedWrite> relinks(Set<String> canonicalIds) {
        List<PlannedWrite> writes = new ArrayList<>();
        for (String id : canonicalIds) {
            store.records().find(id).ifPresent(row -> {
                for (ObjectMapping target : mappings.objects()) {
                    if (target.entity().configName().equals(row.entityType())
                            && store.xrefs().find(id, target.system(), target.object()).isPresent()) {
                        planner.plan(target, row, target.system(), "").ifPresent(writes::add);
                    }
                }
            });
        }
        return writes;
    }
}
