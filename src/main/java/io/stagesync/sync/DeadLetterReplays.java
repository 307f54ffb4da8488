package io.stagesync.sync;

import io.stagesync.connector.SystemRecord;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.stage.InvalidRecordException;
import io.stagesync.store.CanonicalRecordRow;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.StateStore;
import io.stagesync.store.XrefConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies a dead letter's payload again through the path a poll takes, with the configuration the engine
 * runs with now (so a mapping or setting fixed since is used). See {@link DeadLetterPayload} for the kinds.
 *
 * <ul>
 * <li>A <b>read</b> record goes through {@link ChangeApplier} (translate, identity, echo, merge, gate) under
 *     the record's lock, then its planned writes are sent like a poll's: a write the target refuses becomes a
 *     dead letter of its own, and this one is resolved (its own cause is gone). A record older than the
 *     newest change already applied from the same system object is superseded: nothing is changed, so a
 *     replay never undoes a later edit.</li>
 * <li>A <b>write</b> is planned again from the canonical record as it is now (under its lock), so the target
 *     gets the current values, only what it lacks; a won deal's sales order is planned again by
 *     {@link WonDealHandler}. If the target refuses again, the letter stays open with the new reason (no new
 *     letter is added).</li>
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

    DeadLetterReplays(StateStore store, SyncMappings mappings, ChangeApplier applier, WonDealHandler wonDeals,
                      WritePlanner planner, WriteExecutor executor, KeyedLocks locks,
                      Function<Set<String>, List<PlannedWrite>> relinks) {
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
        return payload.read() != null ? replayRead(payload.read()) : replayWrite(letter, payload.write());
    }

    private ReplayOutcome replayRead(SystemRecord record) {
        Optional<ObjectMapping> mapping = mapping(record.system(), record.objectType());
        if (mapping.isEmpty()) {
            return ReplayOutcome.failed("cannot replay: " + record.system() + " " + record.objectType()
                    + " is not mapped now (config/mappings/" + record.system() + ".yaml)");
        }
        List<PlannedWrite> writes = new ArrayList<>();
        List<String> won = new ArrayList<>();
        int[] sent = {0};
        int[] failed = {0};
        ChangeApplier.Outcome outcome;
        // as a poll page does: the record's lock is held until its writes are sent and remembered
        try (PageLocks locked = new PageLocks(locks, () -> send(writes, sent, failed))) {
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
                send(writes, sent, failed);
            }
        }
        String what = mapping.get().label() + " " + record.id() + " (changed " + record.modstamp() + ")";
        if (outcome == ChangeApplier.Outcome.SUPERSEDED) {
            return ReplayOutcome.resolved("replayed: superseded: a newer change of " + what
                    + " was applied since; nothing changed");
        }
        if (outcome == ChangeApplier.Outcome.ECHO) {
            return ReplayOutcome.resolved("replayed: " + what + " equals what stagesync last wrote there; nothing to do");
        }
        String written = sent[0] == 0 ? "no write needed" : sent[0] + " write(s) sent";
        return ReplayOutcome.resolved("replayed: " + what + " applied"
                + (outcome == ChangeApplier.Outcome.HELD ? ", the stage move held or reverted by its policy" : "")
                + "; " + written + (failed[0] == 0 ? "" : "; " + failed[0] + " write(s) refused, each now a dead letter"));
    }

    /** Sends the planned writes (a refused one becomes a dead letter), then the reverse links; empties the list. */
    private void send(List<PlannedWrite> writes, int[] sent, int[] failed) {
        List<PlannedWrite> batch = List.copyOf(writes);
        writes.clear();
        Set<String> linked = executor.execute(batch, (write, error) -> {
            failed[0]++;
            executor.deadLetter(write, error);
        });
        sent[0] += batch.size();
        if (!linked.isEmpty()) {
            executor.execute(relinks.apply(linked));
        }
    }

    private ReplayOutcome replayWrite(DeadLetter letter, DeadLetterPayload.Write stored) {
        String canonicalId = stored.canonicalId();
        Optional<PlannedWrite> planned;
        String target = letter.system() + " " + letter.objectType();
        locks.lock(canonicalId);
        try {
            Optional<CanonicalRecordRow> row = store.records().find(canonicalId);
            if (row.isEmpty()) {
                return ReplayOutcome.failed("cannot replay: canonical record " + canonicalId + " does not exist");
            }
            if (isSalesOrder(letter)) {
                planned = salesOrder(row.get());
                if (planned.isEmpty()) {
                    return ReplayOutcome.resolved("replayed: the won deal's sales order exists already (or NetSuite "
                            + "is not connected); nothing to write");
                }
            } else {
                Optional<ObjectMapping> mapping = mapping(letter.system(), letter.objectType());
                if (mapping.isEmpty()) {
                    return ReplayOutcome.failed("cannot replay: " + target + " is not mapped now (config/mappings/"
                            + letter.system() + ".yaml)");
                }
                String source = sourceOf(mapping.get(), stored.keyField());
                planned = planner.plan(mapping.get(), row.get(), source, source.isEmpty() ? "" : stored.key());
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
            Set<String> linked = executor.execute(List.of(planned.get()), (write, error) -> refused.add(error));
            if (!refused.isEmpty()) {
                return ReplayOutcome.failed(refused.get(0));
            }
            if (!linked.isEmpty()) {
                executor.execute(relinks.apply(linked));
            }
        } finally {
            locks.unlock(canonicalId);
        }
        return ReplayOutcome.resolved("replayed: canonical record " + canonicalId + " written to " + target
                + " (" + planned.get().fields().keySet().size() + " field(s))");
    }

    private static boolean isSalesOrder(DeadLetter letter) {
        return StageDecider.ERP_SYSTEM.equals(letter.system()) && WonDealHandler.SALES_ORDER.equals(letter.objectType());
    }

    private Optional<PlannedWrite> salesOrder(CanonicalRecordRow deal) {
        Object accountId = deal.fields().get("accountId");
        Optional<CanonicalRecordRow> account = accountId == null ? Optional.empty()
                : store.records().find(accountId.toString());
        if (account.isEmpty()) {
            return Optional.of(new PlannedWrite(new ObjectMapping(StageDecider.ERP_SYSTEM, WonDealHandler.SALES_ORDER,
                    io.stagesync.model.EntityType.DEAL, List.of(), Map.of()), deal.id(), "externalId", deal.id(),
                    Map.of(), Map.of(), null, "the won deal " + deal.id() + " has no account, so no sales order"));
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
