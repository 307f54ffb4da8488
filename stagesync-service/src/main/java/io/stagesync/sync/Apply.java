package io.stagesync.sync;

import io.stagesync.connector.SystemRecord;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.stage.InvalidRecordException;
import io.stagesync.stage.StageModel;
import io.stagesync.store.StateStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apply side of the engine: takes a page of changes read from one system object and, record by record, finds
 * its canonical record, applies it ({@link ChangeApplier}: what is not news dropped, merge, gate, save, writes
 * planned), then sends the planned writes to the other systems in batches ({@link WriteExecutor}: a target failing
 * as a whole gets them in its outbox) and remembers the states read. A record that cannot be applied goes to the
 * dead letters alone, with its payload and reason, and the page goes on. Each record's lock is held from its apply
 * until its writes are sent and remembered ({@link PageLocks}), so a concurrent apply of another system's page
 * plans against what was really written. Thread-safe.
 */
final class Apply {
    private static final Logger LOG = LoggerFactory.getLogger(Apply.class);

    private final StageModel model;
    private final StateStore store;
    private final SyncMappings mappings;
    private final SyncSettings settings;
    private final ChangeApplier applier;
    private final WonDealHandler wonDeals;
    private final WritePlanner planner;
    private final WriteExecutor executor;
    private final KeyedLocks locks;
    private final FailedReads failedReads = new FailedReads();
    private final ThrottledLog failures = new ThrottledLog(LOG);

    Apply(StageModel model, StateStore store, SyncMappings mappings, SyncSettings settings, ChangeApplier applier,
          WonDealHandler wonDeals, WritePlanner planner, WriteExecutor executor, KeyedLocks locks) {
        this.model = model;
        this.store = store;
        this.mappings = mappings;
        this.settings = settings;
        this.applier = applier;
        this.wonDeals = wonDeals;
        this.planner = planner;
        this.executor = executor;
        this.locks = locks;
    }

    /**
     * Applies a page and writes what it planned, holding each record's lock from its apply until
     * its writes are sent and remembered (see {@link PageLocks}), so a concurrent poll of another
     * system plans against what was really written. Then the states read are remembered as their
     * system objects' last known states (not for a capture, whose writes are left to the next poll).
     */
    PollResult page(ObjectMapping mapping, List<SystemRecord> page, boolean captureOnly, long readStart) {
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
    List<PlannedWrite> relinks(Set<String> canonicalIds) {
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
