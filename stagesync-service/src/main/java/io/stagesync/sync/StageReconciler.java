package io.stagesync.sync;

import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.SystemCallException;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.stage.StageMapping;
import io.stagesync.stage.StageModel;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StateStore;
import io.stagesync.store.Watermark;
import io.stagesync.store.XrefEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the stage every connected system shows for each linked record with the record's canonical stage
 * ({@code reconcile}): reads the stage field of every linked record as it is now, {@value #IDS_PER_READ} ids per read
 * ({@code ChangeReader#readRecords}: Salesforce one {@code Id IN} query; a connector without a batched read, one
 * call per record), and reports per system object how many records show which stage and which records drift.
 *
 * <p>A record <b>drifts</b> when its field there can show the canonical stage (the stage mapping has a value for it)
 * but holds a value meaning another stage, or a value the mapping does not know, and stagesync has read that
 * version already (its modstamp is not after the object's watermark): an edit its change reads could not see, or a
 * write that was given up. Not drift: a field that cannot show the stage (a Pardot prospect of a customer); a link
 * to an object deleted there; a record merged away, or represented by another object there now (a converted Lead
 * by its Contact); a record its system no longer returns (deleted, or outside the object's filter: counted as not
 * read); a version newer than the watermark (counted as pending: the next poll applies it through the gate); a
 * record whose last gate decision on a change from that system refused, under {@code hold}, the very move it shows
 * (counted as held, see {@code /api/violations}); and a record whose change from that system waits in the dead
 * letters (counted as dead-lettered).
 *
 * <p>Before each read the {@link Budget} is asked whether the system's API allowance still has room; when it has
 * not, that object stops there with the reason (its counts cover what was read). A system object whose read fails
 * is reported with the error the same way; the others are still compared. At most
 * {@value #MAX_DRIFTS_LISTED} drifting records are listed (all are counted). Reads only. Thread-safe.
 */
public final class StageReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(StageReconciler.class);
    /** Ids per read by id. */
    static final int IDS_PER_READ = 200;
    /** Drifting records listed in one report; the counts cover all. */
    public static final int MAX_DRIFTS_LISTED = 1000;
    private static final int PAGE = 500;

    private final StageModel model;
    private final SyncMappings mappings;
    private final StateStore store;
    private final Connectors connectors;
    private final Clock clock;

    StageReconciler(StageModel model, SyncMappings mappings, StateStore store, Connectors connectors, Clock clock) {
        this.model = model;
        this.mappings = mappings;
        this.store = store;
        this.connectors = connectors;
        this.clock = clock;
    }

    /** Whether a system's API allowance leaves room for reconcile's reads. */
    @FunctionalInterface
    public interface Budget {
        /** No limit but the systems' own. */
        Budget NONE = system -> Optional.empty();

        /** Empty while reads may go on; else why they stop (e.g. the quota used). */
        Optional<String> exhausted(String system);
    }

    /** Stops one object's comparison. */
    private static final class OutOfBudget extends RuntimeException {
        OutOfBudget(String message) {
            super(message);
        }
    }

    /** Reads every linked record's stage in every connected system and compares, without a budget. */
    public ReconcileReport reconcile() {
        return reconcile(Budget.NONE);
    }

    /** Reads every linked record's stage in every connected system and compares, within the budget. */
    public ReconcileReport reconcile(Budget budget) {
        List<ReconcileReport.ObjectReport> objects = new ArrayList<>();
        List<ReconcileReport.Drift> drifts = new ArrayList<>();
        for (StageMapping stageMapping : model.mappings()) {
            Optional<ObjectMapping> mapping = mappings.find(stageMapping.system(), stageMapping.object());
            if (mapping.isEmpty() || connectors.get(stageMapping.system()).isEmpty()) {
                continue;
            }
            Counts counts = new Counts();
            try {
                reconcile(mapping.get(), stageMapping, budget, counts, drifts);
            } catch (SystemCallException | UnsupportedOperationException | OutOfBudget e) {
                counts.error = e.getMessage();
                LOG.warn("reconcile of {} {} stopped: {}", stageMapping.system(), stageMapping.object(),
                        e.getMessage());
            }
            objects.add(new ReconcileReport.ObjectReport(stageMapping.system(), stageMapping.object(),
                    stageMapping.field(), counts.checked, counts.drifted, counts.pending, counts.held,
                    counts.deadLettered, counts.notRead, counts.shown, counts.canonical, counts.error));
        }
        return new ReconcileReport(clock.instant(), objects, drifts);
    }

    private void reconcile(ObjectMapping mapping, StageMapping stageMapping, Budget budget, Counts counts,
                           List<ReconcileReport.Drift> drifts) {
        Instant readUpTo = store.watermarks().get(mapping.system(), mapping.object()).map(Watermark::modstamp)
                .orElse(Instant.MIN);
        Map<String, CanonicalRecord> batch = new LinkedHashMap<>();
        String after = null;
        while (true) {
            List<CanonicalRecord> page = store.records().page(mapping.entity().configName(), after, PAGE);
            for (CanonicalRecord row : page) {
                linkToCheck(mapping, row).ifPresent(link -> batch.put(link.externalId(), row));
                if (batch.size() == IDS_PER_READ) {
                    compare(mapping, stageMapping, batch, readUpTo, budget, counts, drifts);
                    batch.clear();
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        compare(mapping, stageMapping, batch, readUpTo, budget, counts, drifts);
    }

    /** The record's link there when it is to be compared: it has a stage, and a live link the record uses. */
    private Optional<XrefEntry> linkToCheck(ObjectMapping mapping, CanonicalRecord row) {
        if (row.stage() == null) {
            return Optional.empty();
        }
        List<XrefEntry> links = store.xrefs().findByCanonical(row.id());
        if (links.stream().anyMatch(x -> x.mergedInto() != null)) {
            return Optional.empty();
        }
        Optional<XrefEntry> link = links.stream().filter(x -> x.system().equals(mapping.system())
                && x.objectType().equals(mapping.object())).findFirst();
        if (link.isEmpty() || link.get().deleted()) {
            return Optional.empty();
        }
        String unless = mapping.create().unless();
        if (unless != null && links.stream().anyMatch(x -> unless.equals(x.system() + " " + x.objectType()))) {
            return Optional.empty();
        }
        return link;
    }

    private void compare(ObjectMapping mapping, StageMapping stageMapping, Map<String, CanonicalRecord> batch,
                         Instant readUpTo, Budget budget, Counts counts, List<ReconcileReport.Drift> drifts) {
        if (batch.isEmpty()) {
            return;
        }
        Optional<String> exhausted = budget.exhausted(mapping.system());
        if (exhausted.isPresent()) {
            throw new OutOfBudget("stopped to leave the API allowance to the sync: " + exhausted.get());
        }
        Map<String, SystemRecord> read = new LinkedHashMap<>();
        connectors.get(mapping.system()).orElseThrow().reader().readRecords(mapping.object(), batch.keySet())
                .forEach(r -> read.put(r.id(), r));
        batch.forEach((externalId, row) -> {
            SystemRecord there = read.get(externalId);
            if (there == null) {
                counts.notRead++;
                return;
            }
            counts.checked++;
            counts.canonical.merge(row.stage(), 1L, Long::sum);
            String value = RecordTranslator.idOf(field(there, stageMapping.field()));
            String stageThere = value == null ? null : stageMapping.stageOf(value).orElse(null);
            counts.shown.merge(stageThere == null ? (value == null ? "(empty)" : "(unmapped: " + value + ")")
                    : stageThere, 1L, Long::sum);
            Optional<String> expected = stageMapping.valueToWrite(row.stage(), value);
            if (expected.isEmpty() || row.stage().equals(stageThere)) {
                return;
            }
            if (there.modstamp() != null && there.modstamp().isAfter(readUpTo)) {
                counts.pending++;
            } else if (stageThere != null && heldThere(row.id(), mapping.system(), stageThere)) {
                counts.held++;
            } else if (store.deadLetters().hasOpen(mapping.system(), mapping.object(), externalId)) {
                counts.deadLettered++;
            } else {
                counts.drifted++;
                if (drifts.size() < MAX_DRIFTS_LISTED) {
                    drifts.add(new ReconcileReport.Drift(row.id(), row.entityType(), mapping.system(),
                            mapping.object(), externalId, stageMapping.field(), value, stageThere, row.stage(),
                            expected.get()));
                }
            }
        });
    }

    /**
     * Whether the record's last gate decision on a change from {@code system} refused, under hold, a move to the
     * stage that system shows.
     */
    private boolean heldThere(String canonicalId, String system, String stageThere) {
        List<StageHistoryEntry> history = store.stageHistory().forRecord(canonicalId);
        for (int i = history.size() - 1; i >= 0; i--) {
            StageHistoryEntry entry = history.get(i);
            if (!entry.sourceSystem().equals(system) || entry.outcome() == StageHistoryEntry.Outcome.DELETED
                    || entry.outcome() == StageHistoryEntry.Outcome.MERGED) {
                continue;
            }
            return entry.outcome().refused() && "hold".equals(entry.policy()) && stageThere.equals(entry.toStage());
        }
        return false;
    }

    private static Object field(SystemRecord record, String name) {
        if (record.fields().containsKey(name)) {
            return record.fields().get(name);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return record.fields().entrySet().stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(lower))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static final class Counts {
        long checked;
        long drifted;
        long pending;
        long held;
        long deadLettered;
        long notRead;
        String error;
        final Map<String, Long> shown = new TreeMap<>();
        final Map<String, Long> canonical = new TreeMap<>();
    }
}
