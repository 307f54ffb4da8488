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
 * its canonical record and applies it ({@link ChangeApplier}: what is not news dropped, merge, gate, save, writes
 * planned); each planned write is held in its target's durable outbox in the same unit of work as the change that
 * planned it, and the target's {@link Sender} is told it is due. Nothing is sent here: once a page's rows are
 * stored, the page is safe and its capture may move on, whatever the targets do. A write back to the system the
 * change came from is not held when the change also goes to another system: the sender of that handoff holds it
 * once the handoff went out (so the source is told only what the other systems took). Then the states read are
 * remembered. A record that cannot be applied goes to the dead letters alone, with its payload and reason, and the
 * page goes on. Thread-safe.
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
    private final KeyedLocks locks;
    private final java.util.function.Consumer<String> due;
    private final FailedReads failedReads = new FailedReads();
    private final ThrottledLog failures = new ThrottledLog(LOG);

    Apply(StageModel model, StateStore store, SyncMappings mappings, SyncSettings settings, ChangeApplier applier,
          WonDealHandler wonDeals, WritePlanner planner, KeyedLocks locks, java.util.function.Consumer<String> due) {
        this.model = model;
        this.store = store;
        this.mappings = mappings;
        this.settings = settings;
        this.applier = applier;
        this.wonDeals = wonDeals;
        this.planner = planner;
        this.locks = locks;
        this.due = due;
    }

    /**
     * Applies a page and holds what it planned in the targets' outboxes (see the class comment), each record's
     * lock taken for its apply (see {@link PageLocks}). Then the states read are remembered as their system
     * objects' last known states (not for a capture, whose writes are left to the next poll), and the senders of
     * the targets written to are told they are due.
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
        Set<String> targets = new java.util.TreeSet<>();
        Runnable flush = captureOnly ? () -> {
            writes.clear();
            seen.clear();
        } : () -> applier.rememberSeen(seen);
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
                    int from = plannedBefore;
                    // the record's step and its outbox rows: one unit of work, all of it or none
                    ChangeApplier.Outcome outcome = store.atomically(() -> {
                        ChangeApplier.Outcome result = applier.apply(resolved, readStart, writes, won, seen);
                        if (!captureOnly) {
                            hold(writes.subList(from, writes.size()), mapping.system(), targets);
                        }
                        return result;
                    });
                    switch (outcome) {
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
                    wonDeals.hold(deal, locked);
                    store.atomically(() -> {
                        wonDeals.onWon(deal, mapping.system(), sources.get(deal).id(), writes, locked);
                        hold(writes.subList(plannedBefore, writes.size()), mapping.system(), targets);
                    });
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
        targets.forEach(due);
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
     * Holds one record's planned writes in their targets' outboxes, and notes the targets; a write back to
     * {@code source} is left to the sender of the record's handoff when it has one (see {@link Sender}).
     */
    private void hold(List<PlannedWrite> planned, String source, Set<String> targets) {
        Set<String> handedOff = new java.util.HashSet<>();
        planned.stream().filter(write -> !write.target().system().equals(source))
                .forEach(write -> handedOff.add(write.canonicalId()));
        for (PlannedWrite write : planned) {
            if (write.target().system().equals(source) && handedOff.contains(write.canonicalId())) {
                continue;
            }
            store.outbox().hold(write.target().system(), write.target().object(), write.canonicalId(),
                    write.keyField(), write.key() == null ? "" : write.key(), Senders.PLANNED);
            targets.add(write.target().system());
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
