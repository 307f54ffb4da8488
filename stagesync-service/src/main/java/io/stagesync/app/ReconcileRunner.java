package io.stagesync.app;

import io.stagesync.admin.Reconciliations;
import io.stagesync.metrics.SyncMetrics;
import io.stagesync.sync.ReconcileReport;
import io.stagesync.sync.SyncEngine;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reconcile} in the running service: asked for by {@code POST /api/reconcile}, or every
 * {@code stagesync.reconcile.interval-minutes} by the {@code reconcile} route ({@link #scheduled()}, repairing when
 * {@code stagesync.reconcile.repair} is true). Keeps the last run for {@code GET /api/reconcile} and the dashboard,
 * and shows it in the {@code stagesync_reconcile_*} metrics. One run at a time: a run asked for while another runs
 * is refused (409), a scheduled one skipped. Thread-safe.
 */
public final class ReconcileRunner implements Reconciliations {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileRunner.class);
    /** The share of a system's API allowance above which reconcile reads no more of it. */
    public static final double MAX_USED_RATIO = 0.8;

    private final Supplier<SyncEngine> engine;
    private final SyncMetrics metrics;
    private final boolean repairOnSchedule;
    private final java.util.concurrent.locks.ReentrantLock running = new java.util.concurrent.locks.ReentrantLock();
    private volatile Run last;

    /**
     * @param engine           the engine once it is up, else null
     * @param repairOnSchedule whether {@link #scheduled()} repairs what drifts
     */
    public ReconcileRunner(Supplier<SyncEngine> engine, SyncMetrics metrics, boolean repairOnSchedule) {
        this.engine = engine;
        this.metrics = metrics;
        this.repairOnSchedule = repairOnSchedule;
    }

    @Override
    public boolean available() {
        return engine.get() != null;
    }

    /**
     * {@inheritDoc}
     *
     * @throws io.stagesync.admin.AdminException 409 while another run is going on, 503 while the engine is not up
     */
    @Override
    public Run run(boolean repair) {
        if (!running.tryLock()) {
            throw new io.stagesync.admin.AdminException(409, null, "a reconcile is running already; GET /api/reconcile"
                    + " shows its result when it is done");
        }
        try {
            return runAlone(repair);
        } finally {
            running.unlock();
        }
    }

    private Run runAlone(boolean repair) {
        SyncEngine current = engine.get();
        if (current == null) {
            throw new io.stagesync.admin.AdminException(503, null, "reconcile is not available yet: the sync engine"
                    + " is starting");
        }
        ReconcileReport found = current.reconcile(quotaBudget(metrics));
        Run run;
        if (repair && !found.drifts().isEmpty()) {
            List<String> repairs = current.repair(found);
            run = new Run(found, repairs, current.reconcile(quotaBudget(metrics)));
        } else {
            run = new Run(found, List.of(), found);
        }
        last = run;
        metrics.reconciled(run.after());
        return run;
    }

    /**
     * Reconcile's budget: room while less than {@value #MAX_USED_RATIO} of a system's API allowance is used (as
     * the quota gauges show it, {@code metrics.quotas()}); a system whose allowance is not known is not limited.
     */
    public static io.stagesync.sync.StageReconciler.Budget quotaBudget(SyncMetrics metrics) {
        return system -> {
            Double used = metrics.quotas().quota(system).usedRatio();
            if (used != null && used >= MAX_USED_RATIO) {
                return Optional.of(String.format(java.util.Locale.ROOT, "%s has used %.0f %% of its API allowance"
                        + " (reconcile stops at %.0f %%)", system, used * 100, MAX_USED_RATIO * 100));
            }
            return Optional.empty();
        };
    }

    @Override
    public Optional<Run> last() {
        return Optional.ofNullable(last);
    }

    /** The scheduled run: its summary line for the log; nothing when the engine is not up yet. */
    public String scheduled() {
        if (!available()) {
            return "reconcile skipped: the sync engine is not up yet";
        }
        if (running.isLocked()) {
            return "reconcile skipped: one asked for is running";
        }
        Run run;
        try {
            run = run(repairOnSchedule);
        } catch (io.stagesync.admin.AdminException e) {
            return "reconcile skipped: " + e.getMessage();
        }
        String summary = "reconcile: " + run.found().drifted() + " drifting record(s)"
                + (run.after() != run.found() ? ", " + run.after().drifted() + " after the repair" : "")
                + run.found().objects().stream().map(o -> "; " + o.system() + " " + o.object() + " " + o.checked()
                        + " checked, " + o.drifted() + " drifting" + (o.error() == null ? "" : ", stopped: "
                        + o.error())).reduce("", String::concat);
        if (run.after().drifted() > 0 || !run.after().failed().isEmpty()) {
            LOG.warn("{} (GET /api/reconcile lists them)", summary);
        }
        return summary;
    }
}
