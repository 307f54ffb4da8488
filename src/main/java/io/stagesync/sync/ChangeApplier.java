package io.stagesync.sync;

import io.stagesync.connector.SystemRecord;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.store.CanonicalRecordRow;
import io.stagesync.store.StaleRecordException;
import io.stagesync.store.StateStore;
import io.stagesync.store.XrefEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies one changed system record to its canonical record: translate, resolve identity, drop
 * our own echo, merge by ownership, pass the stage gate, save, and plan the writes to every
 * object mapping the same entity (the source included, which gets back only what it lost to
 * ownership or a reverted stage). Serialized per canonical record by {@link KeyedLocks}; the
 * engine keeps the lock through the writes (see {@link PageLocks}).
 */
final class ChangeApplier {
    /** What happened to one record. SUPERSEDED only for replays: a newer change from its source was applied since. */
    enum Outcome { APPLIED, ECHO, HELD, SUPERSEDED }

    private final StateStore store;
    private final SyncMappings mappings;
    private final RecordTranslator translator;
    private final IdentityResolver identity;
    private final FieldMerger merger;
    private final StageDecider decider;
    private final WritePlanner planner;
    private final CanonicalValues values;
    private final KeyedLocks locks;

    ChangeApplier(StateStore store, SyncMappings mappings, RecordTranslator translator, IdentityResolver identity,
                  FieldMerger merger, StageDecider decider, WritePlanner planner, CanonicalValues values, KeyedLocks locks) {
        this.store = store;
        this.mappings = mappings;
        this.translator = translator;
        this.identity = identity;
        this.merger = merger;
        this.decider = decider;
        this.planner = planner;
        this.values = values;
        this.locks = locks;
    }

    /** A changed record translated and linked to its canonical record (see {@link #resolve}), not applied yet. */
    record Resolved(Incoming incoming, String canonicalId) {
    }

    /**
     * Translates a changed record and finds (or creates and links) its canonical record. Runs
     * without the record's lock: the xref makes it atomic.
     *
     * @throws UntranslatableRecordException, AmbiguousMatchException for a record that must go to
     *     the dead letters
     */
    Resolved resolve(ObjectMapping mapping, SystemRecord record) {
        Incoming in = translator.translate(mapping, record);
        return new Resolved(in, identity.resolve(in));
    }

    /**
     * Applies a resolved record under its lock. The lock is reentrant: a caller that already holds
     * it (the engine, through the page's writes) keeps the record to itself until they are remembered.
     *
     * @param writes  receives the planned writes
     * @param wonDeals receives the canonical id of a deal that moved to WON (handled after the page)
     * @throws InvalidRecordException for a record that must go to the dead letters
     */
    Outcome apply(Resolved resolved, List<PlannedWrite> writes, List<String> wonDeals) {
        return apply(resolved, writes, wonDeals, false);
    }

    /**
     * As {@link #apply(Resolved, List, List)}; with {@code replay}, a record older than the newest change
     * already applied from the same system object is {@link Outcome#SUPERSEDED} and changes nothing.
     */
    Outcome apply(Resolved resolved, List<PlannedWrite> writes, List<String> wonDeals, boolean replay) {
        String id = resolved.canonicalId();
        locks.lock(id);
        try {
            for (int attempt = 0; ; attempt++) {
                try {
                    return applyLocked(resolved.incoming(), id, writes, wonDeals, replay);
                } catch (StaleRecordException e) {
                    if (attempt >= 2) {
                        throw e;
                    }
                }
            }
        } finally {
            locks.unlock(id);
        }
    }

    private Outcome applyLocked(Incoming in, String id, List<PlannedWrite> writes, List<String> wonDeals,
                                boolean replay) {
        ObjectMapping mapping = in.mapping();
        CanonicalRecordRow row = store.records().find(id)
                .orElse(CanonicalRecordRow.newRecord(id, mapping.entity().configName(), null, Map.of()));
        String appliedKey = RecordMeta.appliedFrom(in.system(), in.object());
        Instant appliedBefore = row.fields().get(appliedKey) == null ? null
                : Instant.parse(row.fields().get(appliedKey).toString());
        if (replay && appliedBefore != null && appliedBefore.isAfter(in.record().modstamp())) {
            return Outcome.SUPERSEDED;
        }
        Map<String, Object> incoming = withRefs(in);
        Map<String, Object> asHeld = planner.projection(mapping, incoming, in.links(), in.stageValue());
        Optional<String> lastWritten = store.xrefs().find(id, in.system(), in.object()).map(XrefEntry::lastWrittenHash);
        if (lastWritten.isPresent() && values.hash(asHeld).equals(lastWritten.get())) {
            return Outcome.ECHO;
        }
        java.util.Set<String> linked = new java.util.HashSet<>();
        store.xrefs().findByCanonical(id).forEach(x -> linked.add(x.system()));
        FieldMerger.Merge merge = merger.merge(mapping.entity(), row.fields(), incoming, in.system(),
                in.record().modstamp(), linked);
        String seenKey = RecordMeta.seenStage(in.system(), in.object());
        boolean stageChangedThere = in.stageValue() != null && !in.stageValue().equals(row.fields().get(seenKey));
        Optional<io.stagesync.stage.StageMapping> stageField = decider.stageField(in.system(), in.object());
        StageStep step = row.stage() == null && in.stageValue() == null && stageField.isPresent()
                ? decider.placeAtEntryStage(id, mapping.entity(), in.system(), stageField.get().label())
                : decider.decide(id, mapping.entity(), row.stage(), stageChangedThere ? in.proposedStage() : null,
                        merge.fields(), Map.of(), in.system());
        if (step.action() == StageStep.Action.HOLD) {
            return Outcome.HELD;
        }
        Map<String, Object> fields = new LinkedHashMap<>(merge.fields());
        fields.put(RecordMeta.written(in.system(), in.object()), planner.writtenJson(asHeld));
        if (in.stageValue() != null) {
            fields.put(seenKey, in.stageValue());
        }
        if (appliedBefore == null || !appliedBefore.isAfter(in.record().modstamp())) {
            fields.put(appliedKey, in.record().modstamp().toString());
        }
        String stage = decider.autoAdvance(id, mapping.entity(), step.stage(), fields);
        CanonicalRecordRow saved = store.records().save(row.with(stage, fields));
        identity.updateKeys(mapping.entity(), id, saved.fields());
        for (ObjectMapping target : mappings.objects()) {
            if (target.entity() == mapping.entity()) {
                planner.plan(target, saved, in.system(), in.record().id()).ifPresent(writes::add);
            }
        }
        if (step.moved() && "WON".equals(step.stage()) && mapping.entity() == io.stagesync.model.EntityType.DEAL) {
            wonDeals.add(id);
        }
        return step.action() == StageStep.Action.REVERT ? Outcome.HELD : Outcome.APPLIED;
    }

    /** The incoming values with references turned into canonical ids (unknown references left out). */
    private Map<String, Object> withRefs(Incoming in) {
        Map<String, Object> incoming = new LinkedHashMap<>(in.values());
        in.mapping().fields().stream().filter(f -> f.isReference()).forEach(f -> {
            String systemId = in.refs().get(f.canonicalField());
            if (systemId == null) {
                incoming.put(f.canonicalField(), null);
            } else {
                store.xrefs().findByExternal(in.system(), f.refObject(), systemId)
                        .ifPresent(x -> incoming.put(f.canonicalField(), x.canonicalId()));
            }
        });
        return incoming;
    }
}
