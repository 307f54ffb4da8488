package io.stagesync.sync;

import io.stagesync.connector.SystemRecord;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.stage.InvalidRecordException;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.model.SystemObject;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.StateStore;
import io.stagesync.store.XrefConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Applies a dead letter again through the path a poll takes, with the configuration the engine runs with now
 * (so a mapping or setting fixed since is used), and with the record's <b>current</b> state, so a record fixed
 * in its system since is replayed as fixed. See {@link DeadLetterPayload} for the kinds.
 *
 * <ul>
 * <li>A <b>read</b> record is read again from its system ({@link io.stagesync.connector.ChangeReader#readRecord});
 *     the stored payload is used only when the system cannot read single records. It goes through
 *     {@link ChangeApplier} (translate, identity, echo, merge, gate) under the record's lock, then its planned
 *     writes are sent like a poll's: a write the target refuses becomes a dead letter of its own, and this one
 *     is resolved (its own cause is gone). A record no longer in its system is resolved with nothing to do. A
 *     record whose newer change was already applied is superseded: nothing is changed, so a replay never
 *     undoes a later edit.</li>
 * <li>A <b>write</b>: first the canonical record is brought up to date with its other systems (each linked
 *     record there is read as it is now and applied as a poll would, its writes sent), then the target's write
 *     is planned from the canonical record as it is now (under its lock), so the target gets the current
 *     values, only what it lacks; a won deal's sales order is planned again by {@link WonDealHandler}. If the
 *     target refuses again, the letter stays open with the new reason (no new letter is added). Once the target
 *     took it, the records' other systems are planned again too: a write-back held because this write had
 *     failed goes out now.</li>
 * </ul>
 * A whole-call failure ({@link io.stagesync.connector.SystemCallException}) propagates. Thread-safe.
 */
final class DeadLetterReplays {
    private final StateStore store;
    private final SyncMappings mappings;
    private final ChangeApplier applier;
    private final WonDealHandler wonDeals;
    private final WritePlanner planner;
    private final WriteExecutor executor;
    private final KeyedLocks locks;
    private final Function<Set<String>, List<PlannedWrite>> relinks;
    private final Connectors connectors;

    DeadLetterReplays(StateStore store, SyncMappings mappings, ChangeApplier applier, WonDealHandler wonDeals,
                      WritePlanner planner, WriteExecutor executor, KeyedLocks locks,
                      Function<Set<String>, List<PlannedWrite>> relinks, Connectors connectors) {
        this.connectors = connectors;
        this.store = store;
        this.mappings = mappings;
        this.applier = applier;
        this.wonDeals = wonDeals;
        this.planner = planner;
        this.executor = executor;
        this.locks = locks;
        this.relinks = relinks;
    }

    ReplayOutcome replay(DeadLetter letter) {
        DeadLetterPayload.Parsed payload;
        try {
            payload = DeadLetterPayload.parse(letter.payload());
        } catch (IllegalArgumentException e) {
            return ReplayOutcome.failed("cannot replay: " + e.getMessage());
        }
        return payload.read() != null ? replayRead(payload.read(), payload.cut())
                : replayWrite(letter, payload.write());
    }

    /** A record read again from its system: {@code supported} false when the system cannot read single records. */
    private record Current(boolean supported, SystemRecord record) {
    }

    private Current readCurrent(String system, String object, String id) {
        Optional<Connectors.Connector> connector = connectors.get(system);
        if (connector.isEmpty()) {
            return new Current(false, null);
        }
        try {
            return new Current(true, connector.get().reader().readRecord(object, id).orElse(null));
        } catch (UnsupportedOperationException e) {
            return new Current(false, null);
        }
    }

    private ReplayOutcome replayRead(SystemRecord stored, List<String> cut) {
        Optional<ObjectMapping> mapping = mapping(stored.system(), stored.objectType());
        if (mapping.isEmpty()) {
            return ReplayOutcome.failed("cannot replay: " + stored.system() + " " + stored.objectType()
                    + " is not mapped now (config/mappings/" + stored.system() + ".yaml)");
        }
        String label = mapping.get().label() + " " + stored.id();
        Current current = readCurrent(stored.system(), stored.objectType(), stored.id());
        if (current.supported() && current.record() == null) {
            return ReplayOutcome.resolved("replayed: " + label + " is no longer in " + stored.system()
                    + " (deleted, or no longer synced); nothing to apply");
        }
        if (!current.supported() && !cut.isEmpty()) {
            return ReplayOutcome.failed("cannot replay: the stored payload was cut (" + String.join(", ", cut)
                    + " too long) and " + stored.system() + " cannot be asked for one record; fix the record there,"
                    + " the next poll reads it again");
        }
        SystemRecord record = current.supported() ? current.record() : stored;
        if (record.modstamp().isAfter(stored.modstamp()) && appliedSince(record)) {
            return ReplayOutcome.resolved("replayed: superseded: " + label + " changed since (" + record.modstamp()
                    + ") and that change was applied; nothing changed");
        }
        List<PlannedWrite> writes = new ArrayList<>();
        List<String> won = new ArrayList<>();
        int[] sent = {0};
        int[] failed = {0};
        ChangeApplier.Outcome outcome;
        // as a poll page does: the record's lock is held until its writes are sent and remembered
        try (PageLocks locked = new PageLocks(locks, () -> send(writes, record.system(), sent, failed))) {
            try {
                ChangeApplier.Resolved resolved = applier.resolve(mapping.get(), record);
                locked.hold(resolved.canonicalId());
                outcome = applier.apply(resolved, writes, won, true);
            } catch (UntranslatableRecordException | AmbiguousMatchException | InvalidRecordException
                     | XrefConflictException e) {
                return ReplayOutcome.failed(e.getMessage());
            }
            if (outcome == ChangeApplier.Outcome.SUPERSEDED || outcome == ChangeApplier.Outcome.ECHO) {
                writes.clear();
            } else {
                for (String deal : won) {
                    wonDeals.onWon(deal, record.system(), record.id(), writes, locked);
                }
                send(writes, record.system(), sent, failed);
            }
        }
        String what = label + (current.supported() ? " as it is now" : "") + " (changed " + record.modstamp() + ")";
        if (outcome == ChangeApplier.Outcome.SUPERSEDED) {
            return ReplayOutcome.resolved("replayed: superseded: a newer change of " + what
                    + " was applied since; nothing changed");
        }
        if (outcome == ChangeApplier.Outcome.ECHO && record.modstamp().isAfter(stored.modstamp())) {
            return ReplayOutcome.resolved("replayed: superseded: " + label + " changed since (" + record.modstamp()
                    + ") and is now what stagesync last wrote there; nothing changed");
        }
        if (outcome == ChangeApplier.Outcome.ECHO) {
            return ReplayOutcome.resolved("replayed: " + what + " equals what stagesync last wrote there; nothing to do");
        }
        String written = sent[0] == 0 ? "no write needed" : sent[0] + " write(s) sent";
        return ReplayOutcome.resolved("replayed: " + what + " applied"
                + (outcome == ChangeApplier.Outcome.HELD ? ", the stage move held or reverted by its policy" : "")
                + "; " + written + (failed[0] == 0 ? "" : "; " + failed[0] + " write(s) refused, each now a dead letter"));
    }

    /** Whether a change of the record at or after its modstamp was applied already (the canonical record says so). */
    private boolean appliedSince(SystemRecord record) {
        return store.xrefs().findByExternal(record.system(), record.objectType(), record.id())
                .flatMap(x -> store.records().find(x.canonicalId()))
                .flatMap(row -> row.bookkeeping().appliedFrom(new SystemObject(record.system(), record.objectType())))
                .map(at -> !at.isBefore(record.modstamp()))
                .orElse(false);
    }

    /**
     * Sends the planned writes of a change from {@code source}, the source's write-back last (a refused one
     * becomes a dead letter), then the reverse links; empties the list.
     */
    private void send(List<PlannedWrite> writes, String source, int[] sent, int[] failed) {
        List<PlannedWrite> batch = List.copyOf(writes);
        writes.clear();
        Set<String> linked = executor.executeSourceLast(batch, source, (write, error) -> {
            failed[0]++;
            executor.deadLetter(write, error);
        });
        sent[0] += batch.size();
        if (!linked.isEmpty()) {
            executor.execute(relinks.apply(linked));
        }
    }

    /**
     * What bringing a canonical record up to date did: {@code failed} when a current record cannot be applied or
     * the letter's target refused its write again (not dead-lettered again); else {@code written}, the letter's
     * target write it sent and the target took, if any.
     */
    private record Refreshed(ReplayOutcome failed, PlannedWrite written) {
    }

    /**
     * Brings a canonical record up to date with its systems other than the letter's target system: each linked
     * record there is read as it is now and applied as a poll would, its writes sent (the source's write-back
     * last).
     */
    private Refreshed refresh(DeadLetter letter, String canonicalId) {
        PlannedWrite written = null;
        for (io.stagesync.store.XrefEntry link : store.xrefs().findByCanonical(canonicalId)) {
            Optional<ObjectMapping> mapping = mapping(link.system(), link.objectType());
            if (link.system().equals(letter.system()) || mapping.isEmpty()) {
                continue;
            }
            Current current = readCurrent(link.system(), link.objectType(), link.externalId());
            if (current.record() == null) {
                continue;
            }
            List<PlannedWrite> writes = new ArrayList<>();
            List<String> won = new ArrayList<>();
            String[] refused = {null};
            PlannedWrite[] toTarget = {null};
            Predicate<PlannedWrite> isTarget = write -> write.canonicalId().equals(canonicalId)
                    && write.target().system().equals(letter.system())
                    && write.target().object().equals(letter.objectType());
            Runnable send = () -> {
                List<PlannedWrite> batch = List.copyOf(writes);
                writes.clear();
                batch.stream().filter(isTarget).findFirst().ifPresent(w -> toTarget[0] = w);
                Set<String> linked = executor.executeSourceLast(batch, link.system(), (write, error) -> {
                    if (isTarget.test(write)) {
                        refused[0] = error;
                    } else {
                        executor.deadLetter(write, error);
                    }
                });
                if (!linked.isEmpty()) {
                    executor.execute(relinks.apply(linked));
                }
            };
            try (PageLocks locked = new PageLocks(locks, send)) {
                ChangeApplier.Outcome outcome;
                try {
                    ChangeApplier.Resolved resolved = applier.resolve(mapping.get(), current.record());
                    locked.hold(resolved.canonicalId());
                    outcome = applier.apply(resolved, writes, won, true);
                } catch (UntranslatableRecordException | AmbiguousMatchException | InvalidRecordException
                         | XrefConflictException e) {
                    return new Refreshed(ReplayOutcome.failed(mapping.get().label() + " " + link.externalId()
                            + " as it is now cannot be applied: " + e.getMessage()), null);
                }
                if (outcome == ChangeApplier.Outcome.SUPERSEDED || outcome == ChangeApplier.Outcome.ECHO) {
                    writes.clear();
                } else {
                    for (String deal : won) {
                        wonDeals.onWon(deal, link.system(), link.externalId(), writes, locked);
                    }
                    send.run();
                }
            }
            if (refused[0] != null) {
                return new Refreshed(ReplayOutcome.failed(refused[0]), null);
            }
            if (toTarget[0] != null) {
                written = toTarget[0];
            }
        }
        return new Refreshed(null, written);
    }

    private ReplayOutcome replayWrite(DeadLetter letter, DeadLetterPayload.Write stored) {
        String canonicalId = stored.canonicalId();
        Optional<PlannedWrite> planned;
        String target = letter.system() + " " + letter.objectType();
        Refreshed refreshed = store.records().find(canonicalId).isPresent() ? refresh(letter, canonicalId)
                : new Refreshed(null, null);
        if (refreshed.failed() != null) {
            return refreshed.failed();
        }
        locks.lock(canonicalId);
        try {
            Optional<CanonicalRecord> row = store.records().find(canonicalId);
            if (row.isEmpty()) {
                return ReplayOutcome.failed("cannot replay: canonical record " + canonicalId + " does not exist");
            }
            if (isSalesOrder(letter.system(), letter.objectType())) {
                planned = salesOrder(row.get());
                if (planned.isEmpty()) {
                    return ReplayOutcome.resolved("replayed: the won deal's sales order exists already (or "
                            + letter.system() + " is not connected); nothing to write");
                }
            } else {
                Optional<ObjectMapping> mapping = mapping(letter.system(), letter.objectType());
                if (mapping.isEmpty()) {
                    return ReplayOutcome.failed("cannot replay: " + target + " is not mapped now (config/mappings/"
                            + letter.system() + ".yaml)");
                }
                String source = sourceOf(mapping.get(), stored.keyField());
                planned = planner.plan(mapping.get(), row.get(), source, source.isEmpty() ? "" : stored.key());
                if (planned.isEmpty() && refreshed.written() != null) {
                    return ReplayOutcome.resolved("replayed: canonical record " + canonicalId + " as it is now written"
                            + " to " + target + " (" + refreshed.written().fields().size() + " field(s))");
                }
                if (planned.isEmpty()) {
                    return ReplayOutcome.resolved("replayed: " + target + " already holds canonical record "
                            + canonicalId + "; nothing to write");
                }
            }
            if (planned.get().problem() != null) {
                return ReplayOutcome.failed(planned.get().problem());
            }
            // written and remembered under the record's lock, as a poll page does
            List<String> refused = new ArrayList<>();
            Set<String> handedOff = new java.util.HashSet<>();
            Set<String> linked = executor.execute(List.of(planned.get()), (write, error) -> refused.add(error),
                    handedOff);
            if (!refused.isEmpty()) {
                return ReplayOutcome.failed(refused.get(0));
            }
            if (!handedOff.isEmpty()) {
                // the sender plans it again once its own write is remembered, and follows it up (the write-backs
                // held while this write failed wait for that)
                return ReplayOutcome.resolved("replayed: canonical record " + canonicalId + " handed to the sender of "
                        + target + ", which had a write of it in flight there; it is planned again from the record "
                        + "once that write is remembered");
            }
            // the record's other systems too: a write-back held while this write failed goes out now
            Set<String> again = new java.util.LinkedHashSet<>(linked);
            again.add(canonicalId);
            executor.execute(relinks.apply(again));
        } finally {
            locks.unlock(canonicalId);
        }
        return ReplayOutcome.resolved("replayed: canonical record " + canonicalId + " written to " + target
                + " (" + planned.get().fields().keySet().size() + " field(s))");
    }

    /**
     * The write of a canonical record to a target object as it is planned now (from the record's current state,
     * for a record whose write was held or refused earlier): a won deal's sales order planned again by
     * {@link WonDealHandler}, any other object by its mapping, addressed as the earlier write was (its key field
     * tells whether it was a create through another system's link). Empty when the target holds the record
     * already, or the object is not mapped any more. Call under the record's lock.
     */
    Optional<PlannedWrite> planNow(String system, String object, CanonicalRecord row, String keyField, String key) {
        if (isSalesOrder(system, object)) {
            return salesOrder(row);
        }
        Optional<ObjectMapping> mapping = mapping(system, object);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        String source = sourceOf(mapping.get(), keyField);
        return planner.plan(mapping.get(), row, source, source.isEmpty() ? "" : key);
    }

    /** Whether {@code system object} is the configured sales orders' record type. */
    private boolean isSalesOrder(String system, String object) {
        return mappings.salesOrders().filter(orders -> orders.is(system, object)).isPresent();
    }

    /** Call only when {@link #isSalesOrder} holds (the sales orders are configured). */
    private Optional<PlannedWrite> salesOrder(CanonicalRecord deal) {
        Object accountId = deal.fields().get("accountId");
        Optional<CanonicalRecord> account = accountId == null ? Optional.empty()
                : store.records().find(accountId.toString());
        if (account.isEmpty()) {
            return Optional.of(new PlannedWrite(WonDealHandler.target(mappings.salesOrders().orElseThrow()), deal.id(),
                    "externalId", deal.id(), Map.of(), Map.of(), null,
                    "the won deal " + deal.id() + " has no account, so no sales order"));
        }
        return wonDeals.salesOrder(deal, account.get());
    }

    /** The system whose id the stored write was keyed by (a create through a link field), or "". */
    private static String sourceOf(ObjectMapping target, String keyField) {
        return target.links().entrySet().stream().filter(e -> e.getValue().equals(keyField)).map(Map.Entry::getKey)
                .findFirst().orElse("");
    }

    private Optional<ObjectMapping> mapping(String system, String object) {
        return mappings.objectsOf(system).stream().filter(m -> m.object().equals(object)).findFirst();
    }
}
