package io.stagesync.sync;

import io.stagesync.connector.SystemCallException;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.store.HeldWrite;
import io.stagesync.store.StateStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one target system's writes: drains its outbox ({@link io.stagesync.store.OutboxStore}), where
 * {@link Apply} put every write it planned for that system in the same unit of work as the change that planned it.
 * Oldest first, in batches of up to {@link WriteExecutor#MAX_BATCH}, with the connector's own policy (batching,
 * calls in flight, breaker, Retry-After). Each row is planned again from its canonical record as it is at that
 * moment, under the record's lock, so the target gets the current values once and only what it lacks (a record
 * whose values reached it since needs no write); the call itself is made without holding any record's lock, so a
 * target that hangs holds up only its own writes. A write the target refuses becomes a dead letter, as before.
 *
 * <p>After a record's write is sent and remembered (or found unneeded), its other linked systems are planned
 * again and get a row when they lack something: the write-back to the system the change came from (its stage, the
 * values it lost to ownership, the id of a record created here) goes out only after the handoff, and only when the
 * handoff was not refused. A row is removed only after that, and only if it was not held again meanwhile
 * ({@link io.stagesync.store.OutboxStore#remove}), so a crash while sending sends nothing twice (the row is planned
 * again and finds the target up to date) and a change applied while its write was in flight is sent next.
 *
 * <p>A whole-call failure marks the target failing ({@link WriteExecutor#markFailing}) and propagates; the rest of
 * its outbox stays until it answers again. One instance per target; thread-safe: one drain at a time (two pollers
 * sending inline take turns), so a record is never in flight twice to one target.
 */
final class Sender {
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

    private final String system;
    private final StateStore store;
    private final SyncMappings mappings;
    private final WriteExecutor executor;
    private final WritePlanner planner;
    private final DeadLetterReplays planning;
    private final KeyedLocks locks;
    private final Consumer<String> heldFor;
    private final ThrottledLog failures = new ThrottledLog(LOG);
    /** Set when the system answered again after failing as a whole: the next drain says how its outbox went. */
    private volatile boolean recovering;

    /** @param heldFor told the target system of each follow-up row held (its sender is then due) */
    Sender(String system, StateStore store, SyncMappings mappings, WriteExecutor executor, WritePlanner planner,
           DeadLetterReplays planning, KeyedLocks locks, Consumer<String> heldFor) {
        this.system = system;
        this.store = store;
        this.mappings = mappings;
        this.executor = executor;
        this.planner = planner;
        this.planning = planning;
        this.locks = locks;
        this.heldFor = heldFor;
    }

    /** The target system this sender writes to. */
    String system() {
        return system;
    }

    /** The system failed as a whole and answered a poll again: the next drain logs what it sent at INFO. */
    void answersAgain() {
        recovering = true;
    }

    /**
     * Sends what the outbox holds, batch by batch, until it is empty or a batch removes nothing (its rows were all
     * held again meanwhile: they go with the next drain).
     *
     * @return the number of rows taken care of (sent, found unneeded, or dead-lettered)
     * @throws SystemCallException when the target fails as a whole (it is marked failing; the rest stays held)
     */
    synchronized int drain() {
        int done = 0;
        int sent = 0;
        while (true) {
            List<HeldWrite> batch = store.outbox().oldest(system, WriteExecutor.MAX_BATCH);
            if (batch.isEmpty()) {
                break;
            }
            int[] outcome = send(batch);
            sent += outcome[0];
            done += outcome[1];
            if (outcome[1] == 0) {
                break;
            }
        }
        if (recovering) {
            recovering = false;
            LOG.info("{} answers again: {} held write(s) planned again from the records as they are now, {} sent",
                    system, done, sent);
        } else if (sent > 0) {
            LOG.debug("{}: {} write(s) sent, {} outbox row(s) done", system, sent, done);
        }
        return done;
    }

    /** @return {writes sent, rows removed} */
    private int[] send(List<HeldWrite> batch) {
        List<PlannedWrite> planned = new ArrayList<>();
        java.util.Map<PlannedWrite, HeldWrite> rows = new java.util.IdentityHashMap<>();
        Set<String> refused = new HashSet<>();
        for (HeldWrite held : batch) {
            try {
                plan(held).ifPresent(write -> {
                    planned.add(write);
                    rows.put(write, held);
                });
            } catch (SystemCallException e) {
                throw e;
            } catch (RuntimeException e) {
                // planning this record failed (a store error, a bug): it alone waits in the dead letters
                refused.add(held.canonicalId());
                failures.warn("plan " + system + " " + held.canonicalId() + " " + e.getClass().getName(),
                        "write of " + held.canonicalId() + " to " + system + " " + held.targetObject()
                                + " could not be planned: " + ThrottledLog.describe(e), e);
                String reason = "could not be planned: " + ThrottledLog.describe(e);
                target(held).ifPresent(target -> executor.deadLetter(new PlannedWrite(target, held.canonicalId(),
                        held.keyField(), held.key(), java.util.Map.of(), java.util.Map.of(), null, reason), reason));
            }
        }
        // a write that refers to a record not in the target yet waits for the rest of the batch, which may create
        // it (a deal's account read on the same page), and is planned once more after it
        List<PlannedWrite> waiting = new ArrayList<>();
        planned.removeIf(write -> write.problem() != null && waiting.add(write));
        int sent = planned.size();
        try {
            executor.execute(planned, (write, error) -> refused(write, error, refused));
            for (PlannedWrite write : waiting) {
                Optional<PlannedWrite> again = plan(rows.get(write));
                if (again.isPresent()) {
                    sent++;
                    executor.execute(List.of(again.get()), (w, error) -> refused(w, error, refused));
                }
            }
        } catch (SystemCallException e) {
            executor.markFailing(e.system() == null ? system : e.system(), e);
            for (HeldWrite held : batch) {
                // the admin sees why they wait
                store.outbox().hold(held.targetSystem(), held.targetObject(), held.canonicalId(), held.keyField(),
                        held.key(), e.getMessage() == null ? "failed as a whole" : e.getMessage());
            }
            throw e;
        }
        Set<String> followed = new LinkedHashSet<>();
        for (HeldWrite held : batch) {
            if (!refused.contains(held.canonicalId()) && followed.add(held.canonicalId())) {
                followUp(held.canonicalId());
            }
        }
        int removed = 0;
        for (HeldWrite held : batch) {
            if (store.outbox().remove(held)) {
                removed++;
            }
        }
        return new int[] {sent, removed};
    }

    /** A write the target refused (or that cannot be sent) goes to the dead letters; its record gets no follow-up. */
    private void refused(PlannedWrite write, String error, Set<String> refused) {
        if (!error.startsWith(WriteExecutor.WAITING_FOR_FIRST_READ)) {
            refused.add(write.canonicalId());
        }
        executor.deadLetter(write, error);
    }

    private Optional<PlannedWrite> plan(HeldWrite held) {
        locks.lock(held.canonicalId());
        try {
            return store.records().find(held.canonicalId()).flatMap(row -> planning.planNow(held.targetSystem(),
                    held.targetObject(), row, held.keyField(), held.key()));
        } finally {
            locks.unlock(held.canonicalId());
        }
    }

    private Optional<ObjectMapping> target(HeldWrite held) {
        return mappings.objects().stream()
                .filter(m -> m.system().equals(held.targetSystem()) && m.object().equals(held.targetObject()))
                .findFirst();
    }

    /**
     * Holds a row for each other system object the record is linked in that lacks something now: the write-back
     * that waited for this write, the id of a record this write created.
     */
    private void followUp(String canonicalId) {
        Optional<CanonicalRecord> row;
        locks.lock(canonicalId);
        try {
            row = store.records().find(canonicalId);
            if (row.isEmpty()) {
                return;
            }
            for (ObjectMapping other : mappings.objects()) {
                if (!other.system().equals(system) && other.entity().configName().equals(row.get().entityType())
                        && store.xrefs().find(canonicalId, other.system(), other.object()).isPresent()) {
                    Optional<PlannedWrite> write = planner.plan(other, row.get(), other.system(), "");
                    if (write.isPresent()) {
                        store.outbox().hold(other.system(), other.object(), canonicalId, write.get().keyField(),
                                write.get().key() == null ? "" : write.get().key(), Senders.PLANNED);
                        heldFor.accept(other.system());
                    }
                }
            }
        } finally {
            locks.unlock(canonicalId);
        }
    }
}
