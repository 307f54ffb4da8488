package io.stagesync.sync;

import io.stagesync.connector.StreamedChange;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.model.Bookkeeping;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.model.SystemObject;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StateStore;
import io.stagesync.store.XrefConflictException;
import io.stagesync.store.XrefEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the deletions and merges a system reports for its objects (a streamed {@link StreamedChange.Kind#DELETED}
 * change): nothing is deleted in the other systems.
 *
 * <ul>
 *   <li>A <b>deleted</b> object's link is marked deleted ({@code XrefStore#markDeleted}): it stays, so the record's
 *       other links and history keep naming it, and the object is no longer written. The record's history gains a
 *       {@link StageHistoryEntry.Outcome#DELETED} entry at its stage and a sync warning says what happened.</li>
 *   <li>A <b>merged</b> object (the system names the object it was merged into, e.g. Salesforce's
 *       {@code MasterRecordId}) is marked deleted with that id, and the record's links in the other systems and
 *       objects move to the surviving object's record. A survivor stagesync has not linked yet is read and applied
 *       first, as a poll would (so it joins the record it matches, if any). What stagesync knew of each moved
 *       link's object moves with it, and the survivor is then written there (held in those targets' outboxes): the
 *       merged-away record's copies become the survivor's. A link whose place the survivor's record has taken
 *       already (both had, e.g., a NetSuite customer) stays where it was and the warning names both, for an admin
 *       to merge them there. The merged-away record loses its match keys (new records no longer join it) and is
 *       no longer written anywhere (see {@code WritePlanner}). The history entry is
 *       {@link StageHistoryEntry.Outcome#MERGED}.</li>
 * </ul>
 * A deletion of an object stagesync never linked, or one already recorded (a change delivered again), does nothing.
 * Each record's marks, moves, history entry and warning are one unit of work, under both records' locks, so a
 * failure leaves nothing half done and the change is offered again. Thread-safe.
 */
final class SourceDeletions {
    private static final Logger LOG = LoggerFactory.getLogger(SourceDeletions.class);

    private final StateStore store;
    private final Connectors connectors;
    private final KeyedLocks locks;
    private final Clock clock;
    private final Function<Set<String>, List<PlannedWrite>> plans;
    private final Consumer<String> due;

    /**
     * @param plans what to write of these records to the targets they are linked in (the engine's relinks)
     * @param due   told each target system that writes are held for it
     */
    SourceDeletions(StateStore store, Connectors connectors, KeyedLocks locks, Clock clock,
                    Function<Set<String>, List<PlannedWrite>> plans, Consumer<String> due) {
        this.store = store;
        this.connectors = connectors;
        this.locks = locks;
        this.clock = clock;
        this.plans = plans;
        this.due = due;
    }

    /**
     * Records one deletion change of the mapping's object.
     *
     * @param applyNow reads and applies records of the mapping's object as they are now (for a survivor not linked
     *                 yet)
     * @throws io.stagesync.connector.SystemCallException when asking the system which deletions were merges fails
     *     (nothing is recorded then; the change is offered again)
     */
    void record(ObjectMapping mapping, StreamedChange change, Consumer<Set<String>> applyNow) {
        List<XrefEntry> linked = new ArrayList<>();
        for (String id : change.ids()) {
            Optional<XrefEntry> link = store.xrefs().findByExternal(mapping.system(), mapping.object(), id);
            if (link.isEmpty()) {
                LOG.debug("{} {} {} was deleted there; stagesync never linked it", mapping.system(), mapping.object(),
                        id);
            } else if (!link.get().deleted()) {
                linked.add(link.get());
            }
        }
        if (linked.isEmpty()) {
            return;
        }
        Map<String, String> merged = connectors.get(mapping.system()).orElseThrow().reader()
                .mergedInto(mapping.object(), linked.stream().map(XrefEntry::externalId).toList());
        for (XrefEntry link : linked) {
            String winner = merged.get(link.externalId());
            if (winner == null || winner.equals(link.externalId())) {
                deleted(mapping, link, change);
            } else {
                merged(mapping, link, winner, change, applyNow);
            }
        }
    }

    private void deleted(ObjectMapping mapping, XrefEntry link, StreamedChange change) {
        locks.lock(link.canonicalId());
        try {
            store.atomically(() -> {
                store.xrefs().markDeleted(mapping.system(), mapping.object(), link.externalId(), null);
                String message = label(mapping, link.externalId()) + " was deleted there (" + change.description()
                        + "); nothing is deleted in the other systems: its link stays, marked deleted, and it is no"
                        + " longer written";
                note(mapping, link, StageHistoryEntry.Outcome.DELETED, message);
            });
        } finally {
            locks.unlock(link.canonicalId());
        }
    }

    private void merged(ObjectMapping mapping, XrefEntry loser, String winnerId, StreamedChange change,
                        Consumer<Set<String>> applyNow) {
        if (store.xrefs().findByExternal(mapping.system(), mapping.object(), winnerId).isEmpty()) {
            applyNow.accept(Set.of(winnerId));
        }
        // a survivor the read did not return (outside the object's filter) is linked without a record
        String winner = store.xrefs().resolveOrCreate(mapping.system(), mapping.object(), winnerId,
                () -> UUID.randomUUID().toString());
        TreeSet<String> ids = new TreeSet<>(List.of(loser.canonicalId(), winner));
        ids.forEach(locks::lock);
        try {
            List<SystemObject> moved = store.atomically(() -> moveLinks(mapping, loser, winner, winnerId, change));
            Set<String> targets = new TreeSet<>();
            if (!moved.isEmpty()) {
                for (PlannedWrite write : plans.apply(Set.of(winner))) {
                    if (moved.contains(new SystemObject(write.target().system(), write.target().object()))) {
                        store.outbox().hold(write.target().system(), write.target().object(), write.canonicalId(),
                                write.keyField(), write.key() == null ? "" : write.key(), Senders.PLANNED);
                        targets.add(write.target().system());
                    }
                }
            }
            targets.forEach(due);
        } finally {
            ids.descendingSet().forEach(locks::unlock);
        }
    }

    /** The merge's marks, moves, bookkeeping, match keys, history and warning; the system objects whose link moved. */
    private List<SystemObject> moveLinks(ObjectMapping mapping, XrefEntry loser, String winner, String winnerId,
                                         StreamedChange change) {
        store.xrefs().markDeleted(mapping.system(), mapping.object(), loser.externalId(), winnerId);
        List<SystemObject> moved = new ArrayList<>();
        List<String> movedLabels = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (XrefEntry other : store.xrefs().findByCanonical(loser.canonicalId())) {
            if (other.system().equals(mapping.system()) && other.objectType().equals(mapping.object())) {
                continue;
            }
            try {
                store.xrefs().move(loser.canonicalId(), winner, other.system(), other.objectType());
                moved.add(new SystemObject(other.system(), other.objectType()));
                movedLabels.add(other.system() + " " + other.objectType() + " " + other.externalId());
            } catch (XrefConflictException taken) {
                String theirs = store.xrefs().find(winner, other.system(), other.objectType())
                        .map(XrefEntry::externalId).orElse("?");
                kept.add(other.system() + " " + other.objectType() + " " + other.externalId()
                        + " (the surviving record has " + theirs + " there)");
            }
        }
        Optional<CanonicalRecord> from = store.records().find(loser.canonicalId());
        Optional<CanonicalRecord> to = store.records().find(winner);
        if (from.isPresent() && to.isPresent() && !moved.isEmpty()) {
            // what is known of each moved object comes along, so the survivor's next write there sends what differs
            // and a change read from there is news only for what changed
            Bookkeeping known = to.get().bookkeeping();
            for (SystemObject at : moved) {
                Bookkeeping.AtObject was = from.get().bookkeeping().at(at);
                known = known.withWritten(at, was.written()).withSeenStage(at, was.seenStage())
                        .withAppliedFrom(at, was.appliedFrom());
            }
            store.records().save(to.get().with(known));
        }
        from.ifPresent(row -> store.matchKeys().keysOf(row.entityType(), row.id()).keySet()
                .forEach(kind -> store.matchKeys().clear(row.entityType(), kind, row.id())));
        String message = label(mapping, loser.externalId()) + " was merged into " + winnerId + " there ("
                + change.description() + "); nothing is deleted in the other systems: "
                + (movedLabels.isEmpty() ? "no link moved" : "its links moved to the surviving record " + winner
                + ": " + String.join(", ", movedLabels))
                + (kept.isEmpty() ? "" : "; still linked to the merged-away record, to be merged there by hand: "
                + String.join(", ", kept));
        note(mapping, loser, StageHistoryEntry.Outcome.MERGED, message);
        return moved;
    }

    /** The history entry at the record's stage (none for a record without one yet), the warning and the log line. */
    private void note(ObjectMapping mapping, XrefEntry link, StageHistoryEntry.Outcome outcome, String message) {
        LOG.info(message);
        Optional<CanonicalRecord> row = store.records().find(link.canonicalId());
        if (row.isPresent() && row.get().stage() != null) {
            String stage = row.get().stage();
            store.stageHistory().append(new StageHistoryEntry(0, link.canonicalId(), row.get().entityType(), stage,
                    stage, outcome, null, mapping.system(), List.of(), List.of(), List.of(message), clock.instant()));
        }
        store.warnings().add(link.canonicalId(), mapping.system(), mapping.object(), link.externalId(), message);
    }

    private static String label(ObjectMapping mapping, String id) {
        return mapping.system() + " " + mapping.object() + " " + id;
    }
}
