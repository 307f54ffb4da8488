package io.stagesync.sync;

import io.stagesync.connector.SystemRecord;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.model.Bookkeeping;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.model.SystemObject;
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
 * what is not news, merge by ownership, pass the stage gate, save, and plan the writes to every
 * object mapping the same entity (the source included, which gets back only what it lost to
 * ownership or a reverted stage). Serialized per canonical record by {@link KeyedLocks}; the
 * engine keeps the lock through the writes (see {@link PageLocks}).
 *
 * <p>What is not news: a record whose projection equals the last known state of its system object
 * (the xref's hash: what stagesync last wrote there or last read from there, whichever came later),
 * which is stagesync's own echo or a record read again by the look-back window; a version already
 * handled read again although stagesync wrote to the record since (see {@link HandledVersions}); and
 * a record older than one already applied from the same system object (a read cache behind). A record read while
 * stagesync was writing it is first corrected for that write (see {@link RecentWrites}): an entry the
 * write changed that still shows its old value is taken as written.
 */
final class ChangeApplier {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChangeApplier.class);

    /**
     * What happened to one record. ECHO: not news (see the class comment). SUPERSEDED only for replays: a
     * newer change from its source was applied since.
     */
    enum Outcome { APPLIED, ECHO, HELD, SUPERSEDED }

    /**
     * A record's state as read from a system object, to be remembered as that object's last known state once
     * the writes planned with it are sent (see {@link #rememberSeen}).
     *
     * @param modstamp  the version's modstamp
     * @param appliedAt the {@link RecentWrites} counter when it was applied
     */
    record Seen(String canonicalId, String system, String object, Instant modstamp, String hash, long appliedAt) {
    }

    private final StateStore store;
    private final SyncMappings mappings;
    private final RecordTranslator translator;
    private final IdentityResolver identity;
    private final FieldMerger merger;
    private final StageDecider decider;
    private final WritePlanner planner;
    private final WriteIntent intents;
    private final CanonicalValues values;
    private final KeyedLocks locks;
    private final RecentWrites recent;
    private final HandledVersions versions;

    ChangeApplier(StateStore store, SyncMappings mappings, RecordTranslator translator, IdentityResolver identity,
                  FieldMerger merger, StageDecider decider, WritePlanner planner, CanonicalValues values, KeyedLocks locks,
                  RecentWrites recent, HandledVersions versions) {
        this.store = store;
        this.mappings = mappings;
        this.translator = translator;
        this.identity = identity;
        this.merger = merger;
        this.decider = decider;
        this.planner = planner;
        this.intents = new WriteIntent(planner);
        this.values = values;
        this.locks = locks;
        this.recent = recent;
        this.versions = versions;
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
     * @param wonDeals receives the canonical id of a deal that moved to the won stage (handled after the page)
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
        return apply(resolved, recent.now(), writes, wonDeals, new java.util.ArrayList<>(), replay);
    }

    /**
     * Applies a record a poll read.
     *
     * @param readStart the {@link RecentWrites#beginRead()} of the read that returned it
     * @param seen      receives the state read, unless the record was not news: the caller remembers it with
     *                  {@link #rememberSeen} after sending the writes (not before: a re-read of the record would
     *                  then be taken for news already handled while its writes are still unsent)
     */
    Outcome apply(Resolved resolved, long readStart, List<PlannedWrite> writes, List<String> wonDeals, List<Seen> seen) {
        return apply(resolved, readStart, writes, wonDeals, seen, false);
    }

    private Outcome apply(Resolved resolved, long readStart, List<PlannedWrite> writes, List<String> wonDeals,
                          List<Seen> seen, boolean replay) {
        String id = resolved.canonicalId();
        locks.lock(id);
        try {
            for (int attempt = 0; ; attempt++) {
                try {
                    // one commit for the record's step (its save, history, keys), and all of it or none
                    return store.atomically(() -> applyLocked(resolved.incoming(), id, readStart, writes, wonDeals,
                            seen, replay));
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

    /**
     * Remembers each state read as its system object's last known state (the xref's hash), unless stagesync
     * wrote there after it was applied: that write is the later, and already remembered. Either way the
     * version is noted as handled (see {@link HandledVersions}). Call after the writes planned with them
     * were sent and remembered, holding their records' locks.
     */
    void rememberSeen(List<Seen> seen) {
        store.atomically(() -> {
            for (Seen s : seen) {
                if (recent.since(s.canonicalId(), s.system(), s.object(), s.appliedAt()).isEmpty()) {
                    store.xrefs().recordWrittenHash(s.canonicalId(), s.system(), s.object(), s.hash());
                }
            }
        });
        for (Seen s : seen) {
            versions.handled(s.canonicalId(), s.system(), s.object(), s.modstamp(), s.hash());
        }
        seen.clear();
    }

    private Outcome applyLocked(Incoming in, String id, long readStart, List<PlannedWrite> writes, List<String> wonDeals,
                                List<Seen> seen, boolean replay) {
        ObjectMapping mapping = in.mapping();
        CanonicalRecord row = store.records().find(id)
                .orElse(CanonicalRecord.newRecord(id, mapping.entity().configName(), null, Map.of()));
        SystemObject source = new SystemObject(in.system(), in.object());
        Instant appliedBefore = row.bookkeeping().appliedFrom(source).orElse(null);
        if (replay && appliedBefore != null && appliedBefore.isAfter(in.record().modstamp())) {
            return Outcome.SUPERSEDED;
        }
        AsRead read = asRead(in, id, readStart);
        Map<String, Object> incoming = read.values();
        Map<String, Object> asHeld = planner.projection(mapping, incoming, read.links(), read.stageValue());
        String hash = values.hash(asHeld);
        Optional<XrefEntry> link = store.xrefs().find(id, in.system(), in.object());
        if (link.isPresent() && link.get().deleted()
                && store.xrefs().restore(in.system(), in.object(), in.record().id())) {
            // read from its own system, so it is there again (undeleted); written again from now on
            String message = in.system() + " " + in.object() + " " + in.record().id() + " is there again (undeleted"
                    + (link.get().mergedInto() == null ? "" : " after its merge into " + link.get().mergedInto())
                    + "): its link is no longer marked deleted";
            LOG.info(message);
            store.warnings().add(id, in.system(), in.object(), in.record().id(), message);
            link = store.xrefs().find(id, in.system(), in.object());
        }
        Optional<String> known = link.map(XrefEntry::lastWrittenHash);
        if (known.isPresent() && hash.equals(known.get())) {
            if (!replay) {
                // the last known state was remembered after its writes went out: this version is handled
                versions.handled(id, in.system(), in.object(), in.record().modstamp(), hash);
            }
            return Outcome.ECHO;
        }
        if (!replay && ((appliedBefore != null && appliedBefore.isAfter(in.record().modstamp()))
                || versions.isHandled(id, in.system(), in.object(), in.record().modstamp(), hash))) {
            return Outcome.ECHO;
        }
        java.util.Set<String> linked = new java.util.HashSet<>();
        store.xrefs().findByCanonical(id).forEach(x -> linked.add(x.system()));
        FieldMerger.Merge merge = merger.merge(mapping.entity(), row.fields(), row.bookkeeping(),
                changedThere(row, mapping, incoming), in.system(), in.record().modstamp(), linked);
        boolean stageChangedThere = !read.stageTakenAsWritten() && read.stageValue() != null
                && !read.stageValue().equals(row.bookkeeping().seenStage(source).orElse(null))
                && !WriteIntent.intended(intents.of(row.bookkeeping(), mapping), ProjectionKeys.STAGE,
                        read.stageValue());
        Optional<io.stagesync.stage.StageMapping> stageField = decider.stageField(in.system(), in.object());
        StageStep step = row.stage() == null && read.stageValue() == null && stageField.isPresent()
                ? decider.placeAtEntryStage(id, mapping.entity(), in.system(), stageField.get().label())
                : decider.decide(id, mapping.entity(), row.stage(), stageChangedThere ? in.proposedStage() : null,
                        merge.fields(), Map.of(), in.system());
        seen.add(new Seen(id, in.system(), in.object(), in.record().modstamp(), hash, recent.now()));
        if (step.action() == StageStep.Action.HOLD) {
            return Outcome.HELD;
        }
        Map<String, Object> fields = merge.fields();
        Bookkeeping kept = merge.bookkeeping().withWritten(source, planner.texts(asHeld));
        kept = intents.dropShown(kept, mapping, planner.texts(asHeld));
        if (read.stageValue() != null) {
            kept = kept.withSeenStage(source, read.stageValue());
        }
        if (appliedBefore == null || !appliedBefore.isAfter(in.record().modstamp())) {
            kept = kept.withAppliedFrom(source, in.record().modstamp());
        }
        String stage = decider.autoAdvance(id, mapping.entity(), step.stage(), fields);
        // planned before the save, so each write's intent is saved with the change (see WriteIntent)
        CanonicalRecord changed = row.with(stage, fields, kept);
        List<PlannedWrite> planned = new java.util.ArrayList<>();
        for (ObjectMapping target : mappings.objects()) {
            if (target.entity() == mapping.entity()) {
                planner.plan(target, changed, in.system(), in.record().id()).ifPresent(planned::add);
            }
        }
        for (PlannedWrite write : planned) {
            if (WriteIntent.needed(write)) {
                kept = intents.store(kept, write);
            }
        }
        CanonicalRecord saved = store.records().save(row.with(stage, fields, kept));
        identity.updateKeys(mapping.entity(), id, row.version() == 0 ? null : row.fields(), saved.fields());
        for (PlannedWrite write : planned) {
            writes.add(WriteIntent.needed(write) ? write.withIntentStored() : write);
        }
        if (step.moved() && decider.isWonDeal(mapping.entity(), step.stage())) {
            wonDeals.add(id);
        }
        return step.action() == StageStep.Action.REVERT ? Outcome.HELD : Outcome.APPLIED;
    }

    /**
     * The values a system changed since its last known state (as last read from it or written to it) and that are
     * not the values of a write sent there and not yet remembered (see {@link WriteIntent}): only those are news
     * from it. A value it still holds as it was is not a newer value because the record's modstamp moved
     * (another field changed, or stagesync wrote there): taking it would put back what a user has since changed
     * elsewhere. A record never known there is news as a whole, but for its empty fields: a system first met
     * without a value has not deleted the value another system holds (the first contact fills it instead).
     */
    private Map<String, Object> changedThere(CanonicalRecord row, ObjectMapping mapping, Map<String, Object> incoming) {
        Map<String, String> known = planner.written(row, mapping);
        List<Map<String, String>> intended = intents.of(row.bookkeeping(), mapping);
        Map<String, Object> changed = new LinkedHashMap<>();
        incoming.forEach((field, value) -> {
            String now = values.text(field, value);
            String was = known.get(field);
            if ((known.isEmpty() ? !now.isBlank() || !row.fields().containsKey(field) : was == null || !was.equals(now))
                    && !WriteIntent.intended(intended, field, now)) {
                changed.put(field, value);
            }
        });
        return changed;
    }

    /**
     * A record's canonical values, links and stage value as its system holds them now.
     *
     * @param stageTakenAsWritten the stage value read was replaced by the one stagesync wrote since
     */
    private record AsRead(Map<String, Object> values, Map<String, String> links, String stageValue,
                          boolean stageTakenAsWritten) {
    }

    /**
     * The record as read, corrected for what stagesync wrote to it after the read began: an entry the write
     * changed that still shows the value from before the write was read before the write landed, so the
     * written value is what the system holds. An entry showing a third value is a user's edit and stays.
     */
    private AsRead asRead(Incoming in, String id, long readStart) {
        Map<String, Object> incoming = withRefs(in);
        Map<String, String> links = new LinkedHashMap<>(in.links());
        String stageValue = in.stageValue();
        boolean stageTakenAsWritten = false;
        Optional<RecentWrites.Write> since = recent.since(id, in.system(), in.object(), readStart);
        if (since.isPresent()) {
            Map<String, String> text = planner.texts(planner.projection(in.mapping(), incoming, links, stageValue));
            for (Map.Entry<String, Object> entry : since.get().written().entrySet()) {
                String key = entry.getKey();
                Object value = entry.getValue();
                if (!since.get().before().get(key).equals(text.get(key))) {
                    continue;
                }
                if (key.equals(ProjectionKeys.STAGE)) {
                    stageValue = value == null ? null : value.toString();
                    stageTakenAsWritten = true;
                } else if (ProjectionKeys.isLink(key)) {
                    links.put(ProjectionKeys.linkedSystem(key), value == null ? null : value.toString());
                } else {
                    incoming.put(key, value);
                }
            }
        }
        return new AsRead(incoming, links, stageValue, stageTakenAsWritten);
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
