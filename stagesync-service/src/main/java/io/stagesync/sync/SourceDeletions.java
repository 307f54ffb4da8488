package io.stagesync.sync;

import io.stagesync.connector.StreamedChange;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StateStore;
import io.stagesync.store.XrefConflictException;
import io.stagesync.store.XrefEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *       objects move to the surviving object's record, which is linked first when it was not yet. A link whose place
 *       the survivor's record has taken already (both had, e.g., a NetSuite customer) stays where it was and the
 *       warning names both, for an admin to merge them there. The history entry is
 *       {@link StageHistoryEntry.Outcome#MERGED}.</li>
 * </ul>
 * A deletion of an object stagesync never linked, or one already recorded (a change delivered again), does nothing.
 * Both records are locked while their links move, like an apply. Thread-safe.
 */
final class SourceDeletions {
    private static final Logger LOG = LoggerFactory.getLogger(SourceDeletions.class);

    private final StateStore store;
    private final Connectors connectors;
    private final KeyedLocks locks;
    private final Clock clock;

    SourceDeletions(StateStore store, Connectors connectors, KeyedLocks locks, Clock clock) {
        this.store = store;
        this.connectors = connectors;
        this.locks = locks;
        this.clock = clock;
    }

    /**
     * Records one deletion change of the mapping's object.
     *
     * @throws io.stagesync.connector.SystemCallException when asking the system which deletions were merges fails
     *     (nothing is recorded then; the change is offered again)
     */
    void record(ObjectMapping mapping, StreamedChange change) {
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
                merged(mapping, link, winner, change);
            }
        }
    }

    private void deleted(ObjectMapping mapping, XrefEntry link, StreamedChange change) {
        locks.lock(link.canonicalId());
        try {
            store.xrefs().markDeleted(mapping.system(), mapping.object(), link.externalId(), null);
            String message = label(mapping, link.externalId()) + " was deleted there (" + change.description()
                    + "); nothing is deleted in the other systems: its link stays, marked deleted, and it is no"
                    + " longer written";
            note(mapping, link, StageHistoryEntry.Outcome.DELETED, message);
        } finally {
            locks.unlock(link.canonicalId());
        }
    }

    private void merged(ObjectMapping mapping, XrefEntry loser, String winnerId, StreamedChange change) {
        String winner = store.xrefs().resolveOrCreate(mapping.system(), mapping.object(), winnerId,
                () -> UUID.randomUUID().toString());
        TreeSet<String> ids = new TreeSet<>(List.of(loser.canonicalId(), winner));
        ids.forEach(locks::lock);
        try {
            store.xrefs().markDeleted(mapping.system(), mapping.object(), loser.externalId(), winnerId);
            List<String> moved = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            for (XrefEntry other : store.xrefs().findByCanonical(loser.canonicalId())) {
                if (other.system().equals(mapping.system()) && other.objectType().equals(mapping.object())) {
                    continue;
                }
                try {
                    store.xrefs().move(loser.canonicalId(), winner, other.system(), other.objectType());
                    moved.add(other.system() + " " + other.objectType() + " " + other.externalId());
                } catch (XrefConflictException taken) {
                    String theirs = store.xrefs().find(winner, other.system(), other.objectType())
                            .map(XrefEntry::externalId).orElse("?");
                    kept.add(other.system() + " " + other.objectType() + " " + other.externalId()
                            + " (the surviving record has " + theirs + " there)");
                }
            }
            String message = label(mapping, loser.externalId()) + " was merged into " + winnerId + " there ("
                    + change.description() + "); nothing is deleted in the other systems: "
                    + (moved.isEmpty() ? "no link moved" : "its links moved to the surviving record " + winner + ": "
                    + String.join(", ", moved))
                    + (kept.isEmpty() ? "" : "; still linked to the merged-away record, to be merged there by hand: "
                    + String.join(", ", kept));
            note(mapping, loser, StageHistoryEntry.Outcome.MERGED, message);
        } finally {
            ids.descendingSet().forEach(locks::unlock);
        }
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
