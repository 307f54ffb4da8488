package io.stagesync.sync;

import io.stagesync.connector.SystemCallException;
import io.stagesync.store.CanonicalRecordRow;
import io.stagesync.store.HeldWrite;
import io.stagesync.store.StateStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one target's outbox: the writes held while it failed as a whole (see {@link WriteExecutor}), oldest
 * first, in batches. Each held write is planned again from its canonical record as it is now, under the record's
 * lock, so the target gets the current values once, only what it lacks (a record whose values reached it since
 * needs no write); a write it refuses becomes a dead letter like any poll's. Then the records' other systems are
 * planned again too: a write-back that waited for the held write, or the new id of a record the target created,
 * goes out (only what they lack). A row is removed only after its write
 * was sent and remembered (or found unneeded), so a crash while draining sends nothing twice: the row is planned
 * again and finds the target up to date. A whole-call failure marks the target failing again and propagates; the
 * rest stays held. Thread-safe.
 */
final class OutboxSender {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

    private final StateStore store;
    private final WriteExecutor executor;
    private final DeadLetterReplays planning;
    private final KeyedLocks locks;
    private final Function<Set<String>, List<PlannedWrite>> relinks;

    OutboxSender(StateStore store, WriteExecutor executor, DeadLetterReplays planning, KeyedLocks locks,
                 Function<Set<String>, List<PlannedWrite>> relinks) {
        this.store = store;
        this.executor = executor;
        this.planning = planning;
        this.locks = locks;
        this.relinks = relinks;
    }

    /**
     * Sends what the target's outbox holds, until it is empty (rows held again while it drains included, at most
     * a few passes over what was there at the start). Lets the target's poll writes be sent directly again first.
     *
     * @return the number of held writes that needed a write and were sent
     * @throws SystemCallException when the target fails as a whole again (it is marked failing; the rest stays held)
     */
    int drain(String system) {
        List<HeldWrite> batch = store.outbox().oldest(system, WriteExecutor.MAX_BATCH);
        if (batch.isEmpty()) {
            executor.markAnswering(system);
            return 0;
        }
        int waiting = store.outbox().counts().getOrDefault(system, batch.size());
        executor.markAnswering(system);
        int sent = 0;
        int passes = waiting / WriteExecutor.MAX_BATCH + 3;
        try {
            for (int pass = 0; pass < passes && !batch.isEmpty(); pass++) {
                sent += send(batch);
                batch = store.outbox().oldest(system, WriteExecutor.MAX_BATCH);
            }
        } catch (SystemCallException e) {
            executor.markFailing(e.system() == null ? system : e.system(), e);
            throw e;
        }
        LOG.info("{} answers again: {} held write(s) planned again from the records as they are now, {} sent{}",
                system, waiting, sent, batch.isEmpty() ? "" : "; more were held meanwhile, sent with its next poll");
        return sent;
    }

    private int send(List<HeldWrite> batch) {
        // taken in id order, and waiting only for ids above every one held: the order PageLocks relies on
        Set<String> ids = new TreeSet<>();
        batch.forEach(held -> ids.add(held.canonicalId()));
        List<String> locked = new ArrayList<>();
        try {
            for (String id : ids) {
                locks.lock(id);
                locked.add(id);
            }
            List<PlannedWrite> planned = new ArrayList<>();
            for (HeldWrite held : batch) {
                Optional<CanonicalRecordRow> row = store.records().find(held.canonicalId());
                row.flatMap(r -> planning.planNow(held.targetSystem(), held.targetObject(), r, held.keyField(),
                        held.key())).ifPresent(planned::add);
            }
            executor.execute(planned);
            // the records' other systems too: a write-back that waited for the held write, a new id to link back
            executor.executeHolding(relinks.apply(new LinkedHashSet<>(ids)));
            for (HeldWrite held : batch) {
                store.outbox().remove(held);
            }
            return planned.size();
        } finally {
            for (String id : locked) {
                locks.unlock(id);
            }
        }
    }
}
