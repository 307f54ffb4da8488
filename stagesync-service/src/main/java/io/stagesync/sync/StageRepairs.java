package io.stagesync.sync;

import io.stagesync.mapping.ObjectMapping;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.model.SystemObject;
import io.stagesync.store.StateStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the canonical stage back to the records a {@link StageReconciler} found drifting ({@code reconcile --repair}),
 * through the normal write path: the record's lock, {@code WritePlanner} (the mapping's value for the stage, a finer
 * value of the same stage kept), {@code WriteExecutor} (the written hash remembered, so the write's echo causes
 * nothing); a refused write becomes a dead letter like any other (its replay writes the canonical record again).
 * What stagesync knew the target held is first set to the drifting value read, so the planner sees the field
 * differ. A record whose canonical stage moved since the report, or whose system object is gone from the mappings,
 * is skipped. Each repair is a sync warning naming the record, the value found and the value written; one that
 * fails is reported and the others go on. Thread-safe.
 */
final class StageRepairs {
    private static final Logger LOG = LoggerFactory.getLogger(StageRepairs.class);

    private final StateStore store;
    private final SyncMappings mappings;
    private final WritePlanner planner;
    private final WriteExecutor executor;
    private final KeyedLocks locks;

    StageRepairs(StateStore store, SyncMappings mappings, WritePlanner planner, WriteExecutor executor,
                 KeyedLocks locks) {
        this.store = store;
        this.mappings = mappings;
        this.planner = planner;
        this.executor = executor;
        this.locks = locks;
    }

    /**
     * Repairs each drift of the report.
     *
     * @return per drift, in order, what became of it ({@code written …}, {@code skipped: …}, {@code failed: …})
     */
    List<String> repair(ReconcileReport report) {
        List<String> outcomes = new ArrayList<>();
        for (ReconcileReport.Drift drift : report.drifts()) {
            try {
                outcomes.add(repair(drift));
            } catch (RuntimeException e) {
                // one record's store or system failure does not stop the others
                outcomes.add("failed: " + drift.system() + " " + drift.object() + " " + drift.externalId() + ": "
                        + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return outcomes;
    }

    private String repair(ReconcileReport.Drift drift) {
        String label = drift.system() + " " + drift.object() + " " + drift.externalId();
        Optional<ObjectMapping> target = mappings.find(drift.system(), drift.object());
        if (target.isEmpty()) {
            return "skipped: " + label + " is not mapped now";
        }
        locks.lock(drift.canonicalId());
        try {
            Optional<CanonicalRecord> row = store.records().find(drift.canonicalId());
            if (row.isEmpty() || !drift.canonicalStage().equals(row.get().stage())) {
                return "skipped: " + label + ": the record's stage changed since the report";
            }
            SystemObject at = WritePlanner.at(target.get());
            Map<String, String> known = new LinkedHashMap<>(row.get().bookkeeping().written(at));
            if (drift.valueThere() == null) {
                known.remove(ProjectionKeys.STAGE);
            } else {
                known.put(ProjectionKeys.STAGE, drift.valueThere());
            }
            CanonicalRecord saved = store.records().save(row.get().with(row.get().bookkeeping().withWritten(at, known)));
            Optional<PlannedWrite> write = planner.plan(target.get(), saved, "", "");
            if (write.isEmpty() || write.get().stageValue() == null) {
                return "skipped: " + label + ": nothing to write there for stage " + drift.canonicalStage();
            }
            List<String> refused = new ArrayList<>();
            java.util.Set<String> handedOff = new java.util.HashSet<>();
            executor.execute(List.of(write.get()), (w, error) -> {
                refused.add(error);
                executor.deadLetter(w, error);
            }, handedOff);
            if (!refused.isEmpty()) {
                return "failed: " + label + " (a dead letter now): " + refused.get(0);
            }
            if (!handedOff.isEmpty()) {
                // the write in flight, once remembered, makes its own values the target's known state again, so the
                // drift noted above is gone from the bookkeeping: the repair must be asked for again
                return "skipped: " + label + ": a write of it to " + drift.system() + " is in flight right now; "
                        + "reconcile and repair again once it is done";
            }
            String message = "reconcile repaired " + label + ": " + drift.field() + " was '" + drift.valueThere()
                    + "' (" + (drift.stageThere() == null ? "no stage" : drift.stageThere()) + "), written '"
                    + write.get().stageValue() + "' for the canonical stage " + drift.canonicalStage();
            LOG.info(message);
            store.warnings().add(drift.canonicalId(), drift.system(), drift.object(), drift.externalId(), message);
            return "written: " + message;
        } finally {
            locks.unlock(drift.canonicalId());
        }
    }
}
