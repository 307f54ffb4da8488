package io.stagesync.sync;

import io.stagesync.connector.SystemCallException;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.store.HeldWrite;
import io.stagesync.store.StateStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
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
 * <p>After a record's write is sent and remembered (or found unneeded), its linked systems are planned again and get a
 * row when they lack something: the write-back to the system the change came from (its stage, the values it lost to
 * ownership, the id of a record created here) goes out only after the handoff, and only when the handoff was not
 * refused; the target itself when the record changed while its write was in flight. A row is removed only after that, and only if it was not held again meanwhile
 * ({@link io.stagesync.store.OutboxStore#remove}), so a crash while sending sends nothing twice (the row is planned
 * again and finds the target up to date) and a change applied while its write was in flight is sent next.
 *
 * <p>A whole-call failure marks the target failing ({@link WriteExecutor#markFailing}) and propagates; the rest of
 * its outbox stays until it answers again. One per target in each instance; thread-safe: one drain at a time (two
 * pollers sending inline take turns). A batch holds the {@link SendClaims} of its records from before it is planned
 * until its rows are removed, and a write sent outside the outbox (a replay) claims its record too, so a record is
 * never in flight twice to one target, also with several instances draining one outbox.
 */
final class Sender {
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

    /**
     * The most rows of a batch when several instances share the outbox: smaller than one instance's, so a batch's
     * claims (advisory locks, which share PostgreSQL's lock table with everything else) stay few.
     */
    static final int SHARED_BATCH = 100;
    /**
     * How many of the oldest rows a sender sharing its outbox looks at for a batch it can claim: past the batches the
     * other instances are sending.
     */
    static final int CLAIM_WINDOW = 2 * SHARED_BATCH;

    private volatile java.util.function.Predicate<String> sendsHere = target -> true;
    private volatile SendClaims claims;
    /** Whether other instances drain this outbox too (see {@link #share}). */
    private volatile boolean shared;
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
           DeadLetterReplays planning, KeyedLocks locks, Consumer<String> heldFor, SendClaims claims) {
        this.claims = java.util.Objects.requireNonNull(claims, "claims");
        this.system = system;
        this.store = store;
        this.mappings = mappings;
        this.executor = executor;
        this.planner = planner;
        this.planning = planning;
        this.locks = locks;
        this.heldFor = heldFor;
    }

    /**
     * Sets when this instance sends to its target (several instances: once the target's capture has been read by
     * its leader); a drain while it says no does nothing, the rows stay for a later drain.
     */
    void sendOnlyWhere(java.util.function.Predicate<String> sends) {
        this.sendsHere = java.util.Objects.requireNonNull(sends, "sends");
    }

    /**
     * Claims the records of each batch with {@code claims} (see {@link SendClaims}): those of every instance on the
     * store, where writes to this target may also be sent by another instance (a replay there).
     */
    void claimWith(SendClaims claims) {
        this.claims = java.util.Objects.requireNonNull(claims, "claims");
    }

    /**
     * Shares the outbox with the senders of other instances: each batch is the oldest rows (at most
     * {@link #SHARED_BATCH} of the oldest {@link #CLAIM_WINDOW}) whose records this one could claim, so two instances
     * never send one record's write at once. Claim with claims that hold across instances ({@link #claimWith}).
     */
    void share() {
        this.shared = true;
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
        if (!sendsHere.test(system)) {
            return 0;
        }
        int done = 0;
        int sent = 0;
        while (true) {
            SendClaims claiming = claims;
            boolean sharing = shared;
            List<HeldWrite> batch = claimed(claiming, sharing, store.outbox().oldest(system,
                    sharing ? CLAIM_WINDOW : WriteExecutor.MAX_BATCH));
            if (batch.isEmpty()) {
                // none left, or every one is being sent by another instance or outside the outbox (a replay)
                break;
            }
            int[] outcome;
            try {
                outcome = send(batch);
            } finally {
                claiming.release(system, canonicalIds(batch));
            }
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

    /**
     * The oldest rows whose records this sender claimed (at most {@link #SHARED_BATCH} when sharing the outbox), as
     * the outbox holds them once claimed: read again, since a row read before the claim may have been sent, removed
     * and held anew by then (another instance's sender, also the old leader's during a lead's handover), and removing
     * that older copy would drop the new one. The claims of the records left out are let go at once.
     */
    private List<HeldWrite> claimed(SendClaims claiming, boolean sharing, List<HeldWrite> oldest) {
        if (oldest.isEmpty()) {
            return oldest;
        }
        Set<String> claimed = claiming.claim(system, canonicalIds(oldest));
        List<HeldWrite> batch = new ArrayList<>();
        try {
            if (!claimed.isEmpty()) {
                for (HeldWrite held : store.outbox().oldest(system, sharing ? CLAIM_WINDOW : WriteExecutor.MAX_BATCH)) {
                    if (batch.size() < (sharing ? SHARED_BATCH : WriteExecutor.MAX_BATCH)
                            && claimed.contains(held.canonicalId())) {
                        batch.add(held);
                    }
                }
            }
        } catch (RuntimeException e) {
            claiming.release(system, claimed);
            throw e;
        }
        Set<String> unused = new java.util.LinkedHashSet<>(claimed);
        unused.removeAll(canonicalIds(batch));
        if (!unused.isEmpty()) {
            claiming.release(system, unused);
        }
        return batch;
    }

    private static Set<String> canonicalIds(List<HeldWrite> rows) {
        Set<String> ids = new java.util.LinkedHashSet<>();
        rows.forEach(row -> ids.add(row.canonicalId()));
        return ids;
    }

    /**
     * Plans, sends and follows up one batch. The store work around the calls is batched too: the rows are planned
     * under their records' locks at once, the writes' intents and outcomes are stored one unit of work per
     * call batch ({@link WriteExecutor#executeHoldingNoLock}), and the follow-ups and removals are one unit each.
     * The planning, intent, remember and follow-up units take only the record locks no other thread holds
     * ({@link KeyedLocks#tryLockFree}, never waiting while holding many); the rows whose lock is taken, or all when
     * such a unit fails, are done row by row, waiting for their lock.
     *
     * @return {writes sent, rows removed}
     */
    private int[] send(List<HeldWrite> batch) {
        long started = System.nanoTime();
        List<PlannedWrite> planned = new ArrayList<>();
        java.util.Map<PlannedWrite, HeldWrite> rows = new java.util.IdentityHashMap<>();
        Set<String> refused = new HashSet<>();
        // rows left in the outbox as they are (see refused)
        Set<String> kept = new HashSet<>();
        // in the batch's order (oldest first), whichever way each row was planned
        java.util.Map<HeldWrite, Optional<PlannedWrite>> atOnce = planAtOnce(batch);
        for (HeldWrite held : batch) {
            (atOnce.containsKey(held) ? atOnce.get(held) : planOne(held, refused)).ifPresent(write -> {
                planned.add(write);
                rows.put(write, held);
            });
        }
        // a write that refers to a record not in the target yet waits for the rest of the batch, which may create
        // it (a deal's account read on the same page), and is planned once more after it
        List<PlannedWrite> waiting = new ArrayList<>();
        planned.removeIf(write -> write.problem() != null && waiting.add(write));
        int sent = planned.size();
        long plannedAt = System.nanoTime();
        // the records whose write was sent and remembered: their target is followed up too
        Set<String> written = new HashSet<>();
        Set<String> notWritten = new HashSet<>();
        BiConsumer<PlannedWrite, String> onRefused = (write, error) -> {
            notWritten.add(write.canonicalId());
            refused(write, error, refused, kept);
        };
        try {
            planned.forEach(write -> written.add(write.canonicalId()));
            executor.executeHoldingNoLock(planned, onRefused);
            for (PlannedWrite write : waiting) {
                Optional<PlannedWrite> again = plan(rows.get(write));
                if (again.isPresent()) {
                    sent++;
                    written.add(again.get().canonicalId());
                    executor.executeHoldingNoLock(List.of(again.get()), onRefused);
                }
            }
            written.removeAll(notWritten);
        } catch (SystemCallException e) {
            executor.markFailing(e.system() == null ? system : e.system(), e);
            if (Thread.currentThread().isInterrupted()) {
                // stopping: the rows stay held as they are (H2's file store closes on I/O from an interrupted thread)
                throw e;
            }
            try {
                store.atomically(() -> {
                    for (HeldWrite held : inRowOrder(batch)) {
                        // the admin sees why they wait
                        store.outbox().hold(held.targetSystem(), held.targetObject(), held.canonicalId(),
                                held.keyField(), held.key(),
                                e.getMessage() == null ? "failed as a whole" : e.getMessage());
                    }
                });
            } catch (RuntimeException noted) {
                // the rows stay held with their earlier reason; the system's failure is what the caller must hear
                e.addSuppressed(noted);
            }
            throw e;
        }
        Set<String> followed = new java.util.TreeSet<>();
        for (HeldWrite held : batch) {
            if (!refused.contains(held.canonicalId())) {
                followed.add(held.canonicalId());
            }
        }
        long sentAt = System.nanoTime();
        followUpAtOnce(followed, written);
        long followedAt = System.nanoTime();
        int removed = removeAtOnce(kept.isEmpty() ? batch
                : batch.stream().filter(held -> !kept.contains(held.canonicalId())).toList());
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: batch of {} row(s): planned in {} ms, {} write(s) sent and remembered in {} ms, followed up "
                    + "in {} ms, {} removed in {} ms", system, batch.size(), (plannedAt - started) / 1_000_000, sent,
                    (sentAt - plannedAt) / 1_000_000, (followedAt - sentAt) / 1_000_000, removed,
                    (System.nanoTime() - followedAt) / 1_000_000);
        }
        return new int[] {sent, removed};
    }

    /**
     * Plans the rows whose records no other thread holds right now under their locks and in one unit of work (reads
     * only).
     *
     * @return per row it planned (by identity), its write or empty when it needs none; the rows it leaves out
     *     (their lock was taken elsewhere; all of them when planning failed) are for the caller to plan one by one
     */
    private java.util.Map<HeldWrite, Optional<PlannedWrite>> planAtOnce(List<HeldWrite> batch) {
        java.util.Map<HeldWrite, Optional<PlannedWrite>> out = new java.util.IdentityHashMap<>();
        if (batch.size() > 1 && FreeRecordsAtOnce.run(locks, store, batch.size() + " rows for " + system
                + " planned", batch, HeldWrite::canonicalId, free -> free.forEach(row -> out.put(row, planNow(row))))
                .done().isEmpty()) {
            // the unit failed (or nothing was free): what it planned was rolled back with it
            out.clear();
        }
        return out;
    }

    /** Plans one row under its lock; when that fails the row alone goes to the dead letters (and is refused). */
    private Optional<PlannedWrite> planOne(HeldWrite held, Set<String> refused) {
        try {
            return plan(held);
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
            return Optional.empty();
        }
    }

    /**
     * Follows up (see {@link #followUp}) the records no other thread holds right now in one unit of work, and the
     * others (or all, when that unit fails) one by one.
     */
    private void followUpAtOnce(Set<String> canonicalIds, Set<String> written) {
        List<String> left = List.copyOf(canonicalIds);
        if (canonicalIds.size() > 1) {
            java.util.Set<String> due = new java.util.TreeSet<>();
            FreeRecordsAtOnce.Outcome<String> outcome = FreeRecordsAtOnce.run(locks, store, canonicalIds.size()
                    + " records sent to " + system + " followed up", canonicalIds, id -> id, free -> {
                        List<FollowUp> rows = new ArrayList<>();
                        free.forEach(id -> followUp(id, written.contains(id), rows));
                        hold(rows, due);
                    });
            if (!outcome.done().isEmpty()) {
                due.forEach(heldFor);
            }
            left = outcome.left();
        }
        for (String id : left) {
            java.util.Set<String> due = new java.util.TreeSet<>();
            locks.lock(id);
            try {
                List<FollowUp> rows = new ArrayList<>();
                followUp(id, written.contains(id), rows);
                hold(rows, due);
            } finally {
                locks.unlock(id);
            }
            due.forEach(heldFor);
        }
    }

    /** An outbox row a follow-up holds. */
    private record FollowUp(String system, String object, String canonicalId, String keyField, String key) {
    }

    /**
     * Holds the rows in the order every multi-row unit on the outbox takes them (system, canonical id, object), so
     * two units never wait for each other's rows in the database; adds their systems to {@code due}.
     */
    private void hold(List<FollowUp> rows, Set<String> due) {
        rows.stream().sorted(java.util.Comparator.comparing(FollowUp::system).thenComparing(FollowUp::canonicalId)
                .thenComparing(FollowUp::object)).forEach(row -> {
                    store.outbox().hold(row.system(), row.object(), row.canonicalId(), row.keyField(), row.key(),
                            Senders.PLANNED);
                    due.add(row.system());
                });
    }

    /** The batch in the order multi-row units on the outbox take rows (see {@link #hold}). */
    private static List<HeldWrite> inRowOrder(List<HeldWrite> batch) {
        return batch.stream().sorted(java.util.Comparator.comparing(HeldWrite::targetSystem)
                .thenComparing(HeldWrite::canonicalId).thenComparing(HeldWrite::targetObject)).toList();
    }

    /** Removes the batch's rows not held again meanwhile, in one unit of work (row by row when that fails). */
    private int removeAtOnce(List<HeldWrite> batch) {
        try {
            return store.atomically(() -> removeEach(inRowOrder(batch)));
        } catch (RuntimeException e) {
            LOG.debug("{} outbox rows of {} removed one by one: removing them at once failed: {}", batch.size(),
                    system, ThrottledLog.describe(e));
        }
        return removeEach(batch);
    }

    /** @return how many of the rows were removed (a row held again meanwhile stays) */
    private int removeEach(List<HeldWrite> rows) {
        int removed = 0;
        for (HeldWrite held : rows) {
            if (store.outbox().remove(held)) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * A write the target refused (or that cannot be sent) goes to the dead letters; its record gets no follow-up. A
     * write waiting for its target's first read does too with one instance; with several its row stays ({@code kept}).
     */
    private void refused(PlannedWrite write, String error, Set<String> refused, Set<String> kept) {
        if (shared && error.startsWith(WriteExecutor.WAITING_FOR_FIRST_READ)) {
            // several instances: this one took the target's lead while the batch was planned; the row waits in the
            // outbox until its catch-up is done, as the writes planned during it do, instead of as a dead letter
            kept.add(write.canonicalId());
            return;
        }
        if (!error.startsWith(WriteExecutor.WAITING_FOR_FIRST_READ)) {
            refused.add(write.canonicalId());
        }
        executor.deadLetter(write, error);
    }

    private Optional<PlannedWrite> plan(HeldWrite held) {
        locks.lock(held.canonicalId());
        try {
            return planNow(held);
        } finally {
            locks.unlock(held.canonicalId());
        }
    }

    /** Call under the record's lock. */
    private Optional<PlannedWrite> planNow(HeldWrite held) {
        return store.records().find(held.canonicalId()).flatMap(row -> planning.planNow(held.targetSystem(),
                held.targetObject(), row, held.keyField(), held.key()));
    }

    private Optional<ObjectMapping> target(HeldWrite held) {
        return mappings.objects().stream()
                .filter(m -> m.system().equals(held.targetSystem()) && m.object().equals(held.targetObject()))
                .findFirst();
    }

    /**
     * Holds a row for each system object the record is linked in that lacks something now: the write-back that
     * waited for this write, the id of a record this write created, and this target itself when the record changed
     * while the write was in flight. That change may have come from this target (a user's edit read from it then):
     * its apply held no row for the target, which had the value when read, but the write planned before it may have
     * landed after the edit and put the older value back. Call under the record's lock; adds the rows to hold to
     * {@code rows} (see {@link #hold}).
     *
     * @param written whether this batch wrote the record to this target (else the target is left out: a write not
     *                sent, e.g. waiting for the target's first read, would be held again at once, and again)
     */
    private void followUp(String canonicalId, boolean written, List<FollowUp> rows) {
        Optional<CanonicalRecord> row = store.records().find(canonicalId);
        if (row.isEmpty()) {
            return;
        }
        for (ObjectMapping other : mappings.objects()) {
            if ((written || !other.system().equals(system)) && other.entity().configName().equals(row.get().entityType())
                    && store.xrefs().find(canonicalId, other.system(), other.object()).isPresent()) {
                Optional<PlannedWrite> write = planner.plan(other, row.get(), other.system(), "");
                write.ifPresent(w -> rows.add(new FollowUp(other.system(), other.object(), canonicalId, w.keyField(),
                        w.key() == null ? "" : w.key())));
            }
        }
    }
}
