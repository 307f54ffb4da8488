package io.stagesync.sync;

import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import io.stagesync.model.Bookkeeping;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.model.SystemObject;
import io.stagesync.store.StaleRecordException;
import io.stagesync.store.StateStore;
import io.stagesync.store.XrefConflictException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends planned writes in batches per target object and key field, and records their outcome:
 * on success the xref link, the written hash (the target's last known state, for echo suppression), the
 * written state, the write itself for reads still in flight (see {@link RecentWrites}), and the record's open
 * write letter to that target resolved; on a per-record failure a dead letter with the payload and the
 * vendor's reason (the record's open letter updated when it has one). A whole-call failure
 * ({@link SystemCallException}) propagates: the caller's writes stay where they were (a {@link Sender}'s in its
 * outbox; it marks the target failing here, see {@link #markFailing}). Any other failure of a batch is narrowed down to its record by sending the batch's
 * records one by one. A write to a system whose initial capture is pending is not sent but dead-lettered as
 * waiting for it.
 *
 * <p>A write sent outside a {@link Sender} (a dead letter's replay, a stage repair) claims its record's writes to
 * the target around its call ({@link SendClaims}); when a sender (of this instance or another) has the record in
 * flight there, the write is handed to the target's outbox instead, where its sender plans it again once the write in
 * flight is remembered, so a record is never written twice at once.
 */
final class WriteExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(WriteExecutor.class);
    static final int MAX_BATCH = 200;
    /** How a write waiting for its target's first read starts its reason (see {@link #waitingForFirstRead}). */
    static final String WAITING_FOR_FIRST_READ = "waiting for the first read of ";

    private final StateStore store;
    private final Connectors connectors;
    private final WritePlanner planner;
    private final WriteIntent intents;
    private final CanonicalValues values;
    private final KeyedLocks locks;
    private final RecentWrites recent;
    private final Predicate<String> capturePending;
    private final ThrottledLog failures = new ThrottledLog(LOG);
    /** Targets whose last call failed as a whole: their senders wait for their next poll. */
    private final Map<String, Long> failing = new java.util.concurrent.ConcurrentHashMap<>();
    /** After how long (nanoseconds) a failing target's writes are tried again without a poll of it; 0: never. */
    private volatile long retryFailingAfterNanos;
    /** Who sends a record's write right now: a write sent outside a {@link Sender} claims its record here. */
    private volatile SendClaims claims = SendClaims.NONE;
    /** Told the target of a write handed to its sender (its sender is then due). */
    private volatile java.util.function.Consumer<String> senderDue = system -> { };

    /** @param capturePending whether a system's initial capture is still pending (writes to it then wait) */
    WriteExecutor(StateStore store, Connectors connectors, WritePlanner planner, CanonicalValues values, KeyedLocks locks,
                  RecentWrites recent, Predicate<String> capturePending) {
        this.store = store;
        this.connectors = connectors;
        this.planner = planner;
        this.intents = new WriteIntent(planner);
        this.values = values;
        this.locks = locks;
        this.recent = recent;
        this.capturePending = capturePending;
    }

    /**
     * Makes the writes sent outside a {@link Sender} claim their records with {@code claims}, the senders' own, and
     * hand a write whose record is claimed already to its target's outbox, telling {@code senderDue} the target.
     */
    void claimWith(SendClaims claims, java.util.function.Consumer<String> senderDue) {
        this.claims = java.util.Objects.requireNonNull(claims, "claims");
        this.senderDue = java.util.Objects.requireNonNull(senderDue, "senderDue");
    }

    /** The reason of a write held back because its target's initial capture has not succeeded yet. */
    static String waitingForFirstRead(String system) {
        return WAITING_FOR_FIRST_READ + system + ", which has not succeeded yet (records it holds must be matched "
                + "before stagesync writes there); written once it has";
    }

    /** Whether a system's sender waits for its next poll because its last call failed as a whole. */
    boolean failing(String system) {
        Long since = failing.get(system);
        if (since == null) {
            return false;
        }
        long retry = retryFailingAfterNanos;
        if (retry > 0 && System.nanoTime() - since > retry) {
            // an instance that does not poll the system hears of no answer: it tries again itself
            failing.remove(system, since);
            return false;
        }
        return true;
    }

    /**
     * Several instances: a target failing as a whole is tried again after {@code after} by an instance that does not
     * poll it (its poll would say it answers again).
     */
    void retryFailingAfter(java.time.Duration after) {
        this.retryFailingAfterNanos = after.toNanos();
    }

    /** Marks a system failing as a whole (its sender waits for its next poll); logs when it was not. */
    void markFailing(String system, SystemCallException cause) {
        if (failing.putIfAbsent(system, System.nanoTime()) == null) {
            LOG.warn("{} failing as a whole, its writes wait in its outbox and are sent once it answers; the other "
                    + "systems go on: {}", system, cause.getMessage());
        }
    }

    /**
     * Lets a system's writes be sent again (it answered a poll).
     *
     * @return whether it was failing
     */
    boolean markAnswering(String system) {
        return failing.remove(system) != null;
    }

    /**
     * Sends the writes of changes that came from {@code source}: first those to the other systems (the handoff:
     * a Lead created for a marketing person, a customer for an account), then those back to the source (its
     * stage, values it lost to ownership), so the source is told only what the other systems took. A write-back
     * of a record whose write to another system failed is held, not sent: it is planned again with the
     * record's next change, or when the failed write is replayed. A write waiting for a target's first read
     * does not hold the write-back. A handoff handed to its target's sender (it had the record in flight) holds the
     * write-back too: that sender's follow-up plans it once the handoff is written.
     *
     * @param onFailure receives each per-record failure (the held write-backs are not failures)
     * @return the canonical ids that got a new link in a target
     */
    java.util.Set<String> executeSourceLast(List<PlannedWrite> writes, String source,
                                             BiConsumer<PlannedWrite, String> onFailure) {
        List<PlannedWrite> handoffs = new ArrayList<>();
        List<PlannedWrite> writeBacks = new ArrayList<>();
        for (PlannedWrite write : writes) {
            (write.target().system().equals(source) ? writeBacks : handoffs).add(write);
        }
        java.util.Set<String> failed = new java.util.HashSet<>();
        java.util.Set<String> handedOff = new java.util.HashSet<>();
        java.util.Set<String> linked = execute(handoffs, (write, error) -> {
            if (!capturePending.test(write.target().system())) {
                failed.add(write.canonicalId());
            }
            onFailure.accept(write, error);
        }, false, handedOff);
        List<PlannedWrite> allowed = new ArrayList<>();
        for (PlannedWrite write : writeBacks) {
            if (handedOff.contains(write.canonicalId())) {
                LOG.info("write-back of {} to {} waits for its write to another system, handed to that system's "
                        + "sender (which follows it up)", write.canonicalId(), write.target().label());
            } else if (failed.contains(write.canonicalId())) {
                LOG.info("write-back of {} to {} held: its write to another system failed (see its dead letter); "
                        + "sent once that write succeeds", write.canonicalId(), write.target().label());
            } else {
                allowed.add(write);
            }
        }
        linked.addAll(execute(allowed, onFailure));
        return linked;
    }

    /**
     * Sends the writes; each per-record failure becomes a dead letter.
     *
     * @return the canonical ids that got a new link in a target (their other records may now need its id)
     */
    java.util.Set<String> execute(List<PlannedWrite> writes) {
        return execute(writes, this::deadLetter);
    }

    /**
     * Sends the writes; each per-record failure (a problem found when planning, a refusal by the target, a
     * link conflict) goes to {@code onFailure} with its reason instead of the dead letters.
     *
     * @return the canonical ids that got a new link in a target
     */
    java.util.Set<String> execute(List<PlannedWrite> writes, BiConsumer<PlannedWrite, String> onFailure) {
        return execute(writes, onFailure, false, new java.util.HashSet<>());
    }

    /**
     * As {@link #execute(List, BiConsumer)}; the canonical ids of the writes handed to their target's sender
     * instead (it had the record in flight) go to {@code handedOff}: not written yet, and planned again by it.
     */
    java.util.Set<String> execute(List<PlannedWrite> writes, BiConsumer<PlannedWrite, String> onFailure,
                                  java.util.Set<String> handedOff) {
        return execute(writes, onFailure, false, handedOff);
    }

    /**
     * As {@link #execute(List, BiConsumer)}, from a thread that holds no record lock (a {@link Sender}): the store
     * work of each batch of up to {@link #MAX_BATCH} writes is then one unit of work before the call (the
     * intents) and one after it (what was written), taken under the record locks no other thread holds (without
     * waiting), instead of one per record. The records whose lock is taken (a poll applying that record) are done
     * one by one, waiting for their lock; when such a unit fails (a store error) the whole batch is.
     */
    java.util.Set<String> executeHoldingNoLock(List<PlannedWrite> writes, BiConsumer<PlannedWrite, String> onFailure) {
        return execute(writes, onFailure, true, java.util.Set.of());
    }

    /** @param handedOff receives the canonical ids of the writes handed to their target's outbox (not batched) */
    private java.util.Set<String> execute(List<PlannedWrite> writes, BiConsumer<PlannedWrite, String> onFailure,
                                          boolean batched, java.util.Set<String> handedOff) {
        Map<String, List<PlannedWrite>> groups = new LinkedHashMap<>();
        for (PlannedWrite write : writes) {
            if (write.problem() != null) {
                onFailure.accept(write, write.problem());
                continue;
            }
            if (capturePending.test(write.target().system())) {
                onFailure.accept(write, waitingForFirstRead(write.target().system()));
                continue;
            }
            groups.computeIfAbsent(write.target().system() + "\u0000" + write.target().object() + "\u0000"
                    + write.keyField(), k -> new ArrayList<>()).add(write);
        }
        java.util.Set<String> linked = new java.util.LinkedHashSet<>();
        for (List<PlannedWrite> group : groups.values()) {
            for (int from = 0; from < group.size(); from += MAX_BATCH) {
                List<PlannedWrite> chunk = group.subList(from, Math.min(group.size(), from + MAX_BATCH));
                if (batched) {
                    // a sender's: claimed with its batch
                    send(chunk, linked, onFailure, true);
                } else {
                    sendClaimed(chunk, linked, onFailure, handedOff);
                }
            }
        }
        return linked;
    }

    /**
     * Sends the writes whose records it could claim (see {@link SendClaims}) and hands the others to their target's
     * outbox: a sender has them in flight there.
     */
    private void sendClaimed(List<PlannedWrite> chunk, java.util.Set<String> linked,
                             BiConsumer<PlannedWrite, String> onFailure, java.util.Set<String> handedOff) {
        String system = chunk.get(0).target().system();
        java.util.Set<String> claimed = claims.claim(system, chunk.stream().map(PlannedWrite::canonicalId).toList());
        try {
            List<PlannedWrite> mine = new ArrayList<>();
            for (PlannedWrite write : chunk) {
                if (claimed.contains(write.canonicalId())) {
                    mine.add(write);
                } else {
                    handOff(write);
                    handedOff.add(write.canonicalId());
                }
            }
            if (!mine.isEmpty()) {
                send(mine, linked, onFailure, false);
            }
        } finally {
            claims.release(system, claimed);
        }
    }

    /** Holds a write's row in its target's outbox (its sender plans it again from the record as it is then). */
    private void handOff(PlannedWrite write) {
        String system = write.target().system();
        store.outbox().hold(system, write.target().object(), write.canonicalId(), write.keyField(),
                write.key() == null ? "" : write.key(), Senders.PLANNED);
        LOG.info("write of {} to {} handed to its sender: the record's write there is in flight right now",
                write.canonicalId(), write.target().label());
        senderDue.accept(system);
    }

    private void send(List<PlannedWrite> chunk, java.util.Set<String> linked, BiConsumer<PlannedWrite, String> onFailure,
                      boolean batched) {
        PlannedWrite first = chunk.get(0);
        String system = first.target().system();
        List<UpsertRequest> requests = chunk.stream().map(w -> new UpsertRequest(w.key(), w.fields())).toList();
        List<WriteResult> results;
        long started = System.nanoTime();
        long called;
        try {
            storeIntents(chunk, batched);
            called = System.nanoTime();
            results = connectors.get(system).orElseThrow().writer()
                    .upsert(first.target().object(), first.keyField(), requests);
        } catch (SystemCallException e) {
            throw e;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // the service is stopping (its sender's thread was interrupted, the calls in flight waited for):
                // nothing about these records; they stay where they were, for the next start or another instance
                throw new SystemCallException(system, "upsert " + first.target().object(), 0, "STOPPING",
                        "stagesync is stopping: the writes not sent wait for the next start ("
                                + ThrottledLog.describe(e) + ")", null, false, null, e);
            }
            // not the system failing as a whole but something about a record (a value the connector cannot
            // send): find which by sending them one by one, so the others still go out
            if (chunk.size() > 1) {
                for (PlannedWrite write : chunk) {
                    send(List.of(write), linked, onFailure, batched);
                }
            } else {
                failures.warn("send " + first.target().label() + " " + first.canonicalId() + " " + e.getClass().getName(),
                        "write of " + first.canonicalId() + " to " + first.target().label() + " could not be sent: "
                                + ThrottledLog.describe(e), e);
                onFailure.accept(first, "could not be sent: " + ThrottledLog.describe(e));
            }
            return;
        }
        Map<PlannedWrite, WriteResult> succeeded = new java.util.IdentityHashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            WriteResult result = i < results.size() ? results.get(i) : null;
            if (result != null && result.success()) {
                succeeded.put(chunk.get(i), result);
            }
        }
        long answered = System.nanoTime();
        java.util.Set<PlannedWrite> remembered = batched && succeeded.size() > 1
                ? writtenAtOnce(chunk, succeeded, linked, onFailure) : java.util.Set.of();
        for (int i = 0; i < chunk.size(); i++) {
            WriteResult result = i < results.size() ? results.get(i) : null;
            if (result == null) {
                onFailure.accept(chunk.get(i), "no result returned for this record");
            } else if (result.success()) {
                if (!remembered.contains(chunk.get(i))) {
                    written(chunk.get(i), result, linked, onFailure);
                }
            } else {
                refused(chunk.get(i));
                onFailure.accept(chunk.get(i), (result.errorCode() == null ? "" : result.errorCode() + ": ")
                        + result.message());
            }
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: {} write(s): intents {} ms, calls {} ms, remembered {} at once in {} ms", first.target().label(),
                    chunk.size(), (called - started) / 1_000_000, (answered - called) / 1_000_000,
                    remembered.size(), (System.nanoTime() - answered) / 1_000_000);
        }
    }

    /**
     * Remembers in one unit of work the succeeded writes of a batch whose records no other thread holds right now
     * (see {@link #executeHoldingNoLock}); their failures to remember (a link conflict) are told after it commits.
     *
     * @return the writes it remembered (by identity), for the caller to leave out when it remembers the others one
     *     by one; empty when none was free or the unit failed and was rolled back
     */
    private java.util.Set<PlannedWrite> writtenAtOnce(List<PlannedWrite> chunk, Map<PlannedWrite, WriteResult> succeeded,
                                                     java.util.Set<String> linked,
                                                     BiConsumer<PlannedWrite, String> onFailure) {
        java.util.Set<String> newLinks = new java.util.LinkedHashSet<>();
        List<Map.Entry<PlannedWrite, String>> failed = new ArrayList<>();
        List<PlannedWrite> writes = chunk.stream().filter(succeeded::containsKey).toList();
        List<PlannedWrite> done = FreeRecordsAtOnce.run(locks, store, writes.size() + " writes to "
                + chunk.get(0).target().label() + " remembered", writes, PlannedWrite::canonicalId,
                free -> free.forEach(write -> remember(write, succeeded.get(write), newLinks,
                        (w, error) -> failed.add(Map.entry(w, error))))).done();
        java.util.Set<PlannedWrite> remembered = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        if (done.isEmpty()) {
            return remembered;
        }
        linked.addAll(newLinks);
        failed.forEach(f -> onFailure.accept(f.getKey(), f.getValue()));
        remembered.addAll(done);
        return remembered;
    }

    private void written(PlannedWrite write, WriteResult result, java.util.Set<String> linked,
                         BiConsumer<PlannedWrite, String> onFailure) {
        // the record's lock before the unit of work, as everywhere: a thread holding record locks may wait for
        // the store's row locks, so a unit of work must never wait for a record lock (a deadlock otherwise)
        locks.lock(write.canonicalId());
        try {
            // one commit for what the write changes in the store (link, hash, written state, its letter resolved)
            store.atomically(() -> remember(write, result, linked, onFailure));
        } catch (SystemCallException e) {
            throw e;
        } catch (RuntimeException e) {
            couldNotRecord(write, e, onFailure);
        } finally {
            locks.unlock(write.canonicalId());
        }
    }

    private void couldNotRecord(PlannedWrite write, RuntimeException e, BiConsumer<PlannedWrite, String> onFailure) {
        failures.warn("record " + write.target().label() + " " + write.canonicalId() + " " + e.getClass().getName(),
                "write of " + write.canonicalId() + " to " + write.target().label() + " succeeded but could not "
                        + "be recorded: " + ThrottledLog.describe(e), e);
        onFailure.accept(write, "written, but stagesync could not record it: " + ThrottledLog.describe(e));
    }

    private void remember(PlannedWrite write, WriteResult result, java.util.Set<String> linked,
                          BiConsumer<PlannedWrite, String> onFailure) {
        String system = write.target().system();
        String object = write.target().object();
        try {
            String id = result.id() != null ? result.id()
                    : write.keyField().equals(connectors.get(system).orElseThrow().dialect().idKeyField()) ? write.key() : null;
            if (id != null && store.xrefs().find(write.canonicalId(), system, object).isEmpty()) {
                store.xrefs().link(write.canonicalId(), system, object, id);
                linked.add(write.canonicalId());
            }
            if (store.xrefs().find(write.canonicalId(), system, object).isPresent()) {
                store.xrefs().recordWrittenHash(write.canonicalId(), system, object, values.hash(write.projection()));
            }
            rememberWritten(write);
            store.deadLetters().resolveOpen(DeadLetterKeys.write(system, object, write.canonicalId()),
                    "superseded: canonical record " + write.canonicalId() + " was written to " + write.target().label()
                            + " since");
        } catch (XrefConflictException e) {
            onFailure.accept(write, "written, but " + e.getMessage());
        } catch (SystemCallException e) {
            throw e;
        } catch (RuntimeException e) {
            couldNotRecord(write, e, onFailure);
        }
    }

    /** Drops the intent of a write its target refused: it did not land, so nothing of it can be read back. */
    private void refused(PlannedWrite write) {
        if (!WriteIntent.needed(write)) {
            return;
        }
        try {
            updateRecord(write, kept -> intents.dropRefused(kept, write));
        } catch (RuntimeException e) {
            // the intent stays: at worst a value equal to it set there by a user waits for the next write
            LOG.debug("intent of the refused write of {} to {} not dropped: {}", write.canonicalId(),
                    write.target().label(), ThrottledLog.describe(e));
        }
    }

    /**
     * Stores the intent of each write not planned with it (see {@link WriteIntent}) before the call, so a write that
     * lands and is never remembered is still recognised when read back.
     */
    private void storeIntents(List<PlannedWrite> chunk, boolean batched) {
        List<PlannedWrite> needing = chunk.stream().filter(w -> !w.intentStored() && WriteIntent.needed(w)).toList();
        List<PlannedWrite> left = batched && needing.size() > 1 ? FreeRecordsAtOnce.run(locks, store, "intents of "
                + needing.size() + " writes to " + chunk.get(0).target().label() + " stored", needing,
                PlannedWrite::canonicalId, free -> free.forEach(write -> updateRecord(write,
                        kept -> intents.store(kept, write)))).left() : needing;
        for (PlannedWrite write : left) {
            if (updateRecord(write, kept -> intents.store(kept, write)).isEmpty()) {
                LOG.debug("intent of the write of {} to {} not stored: the record is gone or kept changing",
                        write.canonicalId(), write.target().label());
            }
        }
    }

    /**
     * Changes a written record's bookkeeping under its lock, retrying when the record changed meanwhile.
     *
     * @return the record as it was before the change saved, or empty when it is gone (or kept changing)
     */
    private java.util.Optional<CanonicalRecord> updateRecord(
            PlannedWrite write, java.util.function.UnaryOperator<Bookkeeping> change) {
        locks.lock(write.canonicalId());
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                CanonicalRecord row = store.records().find(write.canonicalId()).orElse(null);
                if (row == null) {
                    return java.util.Optional.empty();
                }
                Bookkeeping kept = change.apply(row.bookkeeping());
                if (kept.equals(row.bookkeeping())) {
                    // nothing to save (e.g. the intent of a write planned again is stored already)
                    return java.util.Optional.of(row);
                }
                try {
                    store.records().save(row.with(kept));
                    return java.util.Optional.of(row);
                } catch (StaleRecordException e) {
                    LOG.debug("record {} changed while recording a write; retrying", write.canonicalId());
                }
            }
            return java.util.Optional.empty();
        } finally {
            locks.unlock(write.canonicalId());
        }
    }

    private void rememberWritten(PlannedWrite write) {
        SystemObject at = WritePlanner.at(write.target());
        locks.lock(write.canonicalId());
        try {
            updateRecord(write, kept -> {
                Bookkeeping now = intents.dropRemembered(kept, write).withWritten(at, planner.texts(write.projection()));
                return write.stageValue() == null ? now : now.withSeenStage(at, write.stageValue());
            }).ifPresent(before -> rememberRecent(write, planner.written(before, write.target())));
        } finally {
            locks.unlock(write.canonicalId());
        }
    }

    /** Tells {@link RecentWrites} which projection entries the write changed, from what to what. */
    private void rememberRecent(PlannedWrite write, Map<String, String> before) {
        Map<String, String> after = planner.texts(write.projection());
        Map<String, String> was = new LinkedHashMap<>();
        Map<String, Object> now = new LinkedHashMap<>();
        after.forEach((key, text) -> {
            String old = before.getOrDefault(key, "");
            if (!old.equals(text)) {
                was.put(key, old);
                now.put(key, write.projection().get(key));
            }
        });
        recent.written(write.canonicalId(), write.target().system(), write.target().object(), was, now);
    }

    /**
     * Puts a write in the dead letters, updating the open letter of the same record and target when there is
     * one; logs one line (the same failure at most once per {@link ThrottledLog#DEFAULT_WINDOW}).
     */
    void deadLetter(PlannedWrite write, String error) {
        io.stagesync.store.DeadLetter letter = store.deadLetters().addOrUpdate(
                DeadLetterKeys.write(write.target().system(), write.target().object(), write.canonicalId()),
                write.target().system(), write.target().object(),
                write.key() == null || write.key().isEmpty() ? null : write.key(), DeadLetterPayload.ofWrite(write), error);
        failures.warn("write " + write.target().label() + " " + write.canonicalId() + " " + error.hashCode(),
                "dead letter " + letter.id() + " (attempt " + letter.attempts() + "): write of " + write.canonicalId()
                        + " to " + write.target().label() + " failed: " + error, null);
    }

}
