package io.stagesync.sync;

import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.SystemRecord;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.stage.InvalidRecordException;
import io.stagesync.stage.StageModel;
import io.stagesync.store.StateStore;
import io.stagesync.store.Watermark;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync engine: polls a system's changed records page by page and applies each one
 * (see {@link ChangeApplier}), then writes the planned changes to the other systems in batches.
 *
 * <p>The watermark of (system, object) advances after a page only when every record of it is
 * safe: applied and written, or dead-lettered with its payload and reason. A whole-call failure
 * (system down, breaker open) leaves the watermark where it was, so the page is read again next
 * time; upserts by external id and the content hashes make that repeat harmless. Thread-safe:
 * pollers of different systems may run at once; changes to one canonical record are applied,
 * written and remembered as written one at a time, so each value reaches each system once even
 * when polls overlap (see {@link PageLocks}).
 */
public final class SyncEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

    private final StageModel model;
    private final StateStore store;
    private final SyncMappings mappings;
    private final Connectors connectors;
    private final SyncSettings settings;
    private final ChangeApplier applier;
    private final WonDealHandler wonDeals;
    private final WritePlanner planner;
    private final WriteExecutor executor;
    private final DeadLetterReplays replays;
    /** {@link #applyPage}'s read start for the initial capture, which writes nothing. */
    private static final long CAPTURE_ONLY = -1;

    private final KeyedLocks locks = new KeyedLocks();
    private final OwnWrites ownWrites = new OwnWrites();

    public SyncEngine(StageModel model, SyncMappings mappings, StateStore store, Connectors connectors,
                      SyncSettings settings, Clock clock) {
        this.model = model;
        this.store = store;
        this.mappings = mappings;
        this.connectors = connectors;
        this.settings = settings;
        CanonicalValues values = new CanonicalValues(model);
        this.planner = new WritePlanner(model, mappings, values, store.xrefs(), connectors);
        StageDecider decider = new StageDecider(model, store.stageHistory(), store.xrefs(), clock);
        this.applier = new ChangeApplier(store, mappings, new RecordTranslator(model, values),
                new IdentityResolver(store.xrefs(), store.matchKeys(), mappings, store.warnings()), new FieldMerger(mappings, values),
                decider, planner, values, locks);
        this.wonDeals = new WonDealHandler(store, mappings, decider, planner, values, connectors, settings);
        this.executor = new WriteExecutor(store, connectors, planner, values, locks, ownWrites);
        this.replays = new DeadLetterReplays(store, mappings, applier, wonDeals, planner, executor, locks, this::relinks);
    }

    /**
     * Applies a dead letter's payload again, the way a poll applies a record, with the configuration this
     * engine runs with (see {@link DeadLetterReplays} for what that means per kind of letter). Safe to call
     * while polls run: changes to one canonical record are serialized by the same locks. Does not change the
     * letter's status; the caller records the outcome.
     *
     * @throws io.stagesync.connector.SystemCallException when a whole call to a system fails
     */
    public ReplayOutcome replay(io.stagesync.store.DeadLetter letter) {
        return replays.replay(letter);
    }

    /**
     * Polls every mapped object of a system, in config order, until no changes are left.
     *
     * @return one result per object
     * @throws io.stagesync.connector.SystemCallException when a read or a whole write call fails
     *     after the resilience policy gave up (the current page stays uncommitted)
     */
    public List<PollResult> poll(String system) {
        if (connectors.get(system).isEmpty()) {
            throw new IllegalArgumentException("no connector configured for " + system);
        }
        List<PollResult> results = new ArrayList<>();
        for (ObjectMapping mapping : mappings.objectsOf(system)) {
            results.add(poll(mapping));
        }
        return results;
    }

    /**
     * The first contact with systems never synced before: reads all their records and applies
     * them to the canonical store (identity, merge, stage placement) WITHOUT writing anything and
     * without advancing their watermarks, so records that already exist on both sides are matched
     * (by link fields or match keys) before any is created. The next {@link #poll} reads them again
     * and writes only real differences. Systems that have been synced before are skipped. Systems
     * are captured in name order, so the outcome does not depend on configuration order.
     *
     * @return the systems captured
     */
    public List<String> initialCapture() {
        List<String> fresh = new ArrayList<>();
        for (String system : connectors.systems().stream().sorted().toList()) {
            boolean neverSynced = mappings.objectsOf(system).stream()
                    .allMatch(m -> store.watermarks().get(m.system(), m.object()).isEmpty());
            if (neverSynced && !mappings.objectsOf(system).isEmpty()) {
                fresh.add(system);
            }
        }
        for (String system : fresh) {
            for (ObjectMapping mapping : mappings.objectsOf(system)) {
                connectors.get(system).orElseThrow().reader().readChanges(mapping.object(), null, settings.pageSize(),
                        (page, end) -> {
                            applyPage(mapping, page, CAPTURE_ONLY);
                            return true;
                        });
            }
            LOG.info("initial capture of {} done: records matched, nothing written yet", system);
        }
        return fresh;
    }

    private PollResult poll(ObjectMapping mapping) {
        ChangePosition after = store.watermarks().get(mapping.system(), mapping.object())
                .map(w -> new ChangePosition(w.modstamp(), w.lastId())).orElse(null);
        PollResult[] total = {new PollResult(mapping.system(), mapping.object(), 0, 0, 0, 0, 0, 0, 0)};
        long readStart = ownWrites.readStarts();
        try {
            connectors.get(mapping.system()).orElseThrow().reader().readChanges(mapping.object(), after,
                    settings.pageSize(), (page, end) -> {
                        total[0] = total[0].plus(applyPage(mapping, page, readStart));
                        store.watermarks().advance(new Watermark(mapping.system(), mapping.object(), end.modstamp(),
                                end.cursor()));
                        return true;
                    });
        } finally {
            ownWrites.readEnded(readStart);
        }
        if (total[0].read() > 0) {
            LOG.info("{} {}: read {}, applied {}, echoes {}, held {}, dead letters {}, empty stage fields {}",
                    mapping.system(), mapping.object(), total[0].read(), total[0].applied(), total[0].echoes(),
                    total[0].held(), total[0].deadLettered(), total[0].emptyStageFields());
        }
        return total[0];
    }

    /**
     * Applies a page and writes what it planned, holding each record's lock from its apply until
     * its writes are sent and remembered (see {@link PageLocks}), so a concurrent poll of another
     * system plans against what was really written. A record stagesync wrote to its system after
     * the read began is out of date and skipped as an echo (see {@link OwnWrites}).
     *
     * @param readStart when the page's read began ({@link OwnWrites#readStarts}), or
     *                  {@link #CAPTURE_ONLY} to apply without writing anything
     */
    private PollResult applyPage(ObjectMapping mapping, List<SystemRecord> page, long readStart) {
        boolean captureOnly = readStart == CAPTURE_ONLY;
        List<PlannedWrite> writes = new ArrayList<>();
        List<String> won = new ArrayList<>();
        Map<String, String> sourceIds = new LinkedHashMap<>();
        int applied = 0;
        int echoes = 0;
        int held = 0;
        int dead = 0;
        int empty = 0;
        boolean hasStageField = model.mapping(mapping.system(), mapping.object()).isPresent();
        try (PageLocks locked = new PageLocks(locks, captureOnly ? writes::clear : () -> write(writes))) {
            for (SystemRecord record : page) {
                try {
                    ChangeApplier.Resolved resolved = applier.resolve(mapping, record);
                    if (hasStageField && resolved.incoming().stageValue() == null) {
                        empty++;
                        LOG.debug("{} {} {}: stage field empty: no move proposed; the record keeps its stage (a new "
                                + "one starts at its entry stage) and that stage is written into the field",
                                mapping.system(), mapping.object(), record.id());
                    }
                    locked.hold(resolved.canonicalId());
                    if (!captureOnly && ownWrites.wroteSince(readStart, resolved.canonicalId(), mapping.system(),
                            mapping.object())) {
                        echoes++;
                        LOG.debug("{} {} {}: read before stagesync's own write of it there landed; skipped, the next "
                                + "poll reads it with that write", mapping.system(), mapping.object(), record.id());
                        continue;
                    }
                    int before = won.size();
                    switch (applier.apply(resolved, writes, won)) {
                        case APPLIED -> applied++;
                        case ECHO -> echoes++;
                        case HELD -> held++;
                    }
                    for (int i = before; i < won.size(); i++) {
                        sourceIds.put(won.get(i), record.id());
                    }
                } catch (UntranslatableRecordException | AmbiguousMatchException | InvalidRecordException
                         | io.stagesync.store.XrefConflictException e) {
                    dead++;
                    store.deadLetters().add(mapping.system(), mapping.object(), record.id(),
                            DeadLetterPayload.ofRead(record), e.getMessage());
                    LOG.warn("dead letter: {} {} {}: {}", mapping.system(), mapping.object(), record.id(), e.getMessage());
                }
            }
            if (captureOnly) {
                return new PollResult(mapping.system(), mapping.object(), page.size(), applied, echoes, held, dead, 0, empty);
            }
            for (String deal : won) {
                wonDeals.onWon(deal, mapping.system(), sourceIds.get(deal), writes, locked);
            }
            write(writes);
        }
        return new PollResult(mapping.system(), mapping.object(), page.size(), applied, echoes, held, dead, 1, empty);
    }

    /** Sends the planned writes, then the reverse links of records they created; empties the list. */
    private void write(List<PlannedWrite> writes) {
        List<PlannedWrite> batch = List.copyOf(writes);
        writes.clear();
        Set<String> linked = executor.execute(batch);
        if (!linked.isEmpty()) {
            executor.execute(relinks(linked));
        }
    }

    /** After records were created in a target, tell their other systems the new ids (the reverse link). */
    private List<PlannedWrite> relinks(Set<String> canonicalIds) {
        List<PlannedWrite> writes = new ArrayList<>();
        for (String id : canonicalIds) {
            store.records().find(id).ifPresent(row -> {
                for (ObjectMapping target : mappings.objects()) {
                    if (target.entity().configName().equals(row.entityType())
                            && store.xrefs().find(id, target.system(), target.object()).isPresent()) {
                        planner.plan(target, row, target.system(), "").ifPresent(writes::add);
                    }
                }
            });
        }
        return writes;
    }
}
