package io.stagesync.admin;

import io.stagesync.sync.ReconcileReport;
import java.util.List;
import java.util.Optional;

/**
 * Runs {@code reconcile} in the service (its engine) and keeps the last result, for {@code /api/reconcile}, the
 * dashboard and the schedule. Implementations are thread-safe; runs do not overlap.
 */
public interface Reconciliations {

    /** What one run found, and for a repairing run what became of each drift and what drifted after. */
    record Run(ReconcileReport found, List<String> repairs, ReconcileReport after) {
    }

    /** Whether runs can happen now (the engine is up); false makes the API answer 503. */
    boolean available();

    /**
     * Runs now (a system object whose read fails is reported with its error; a repair that fails is reported as
     * failed).
     *
     * @throws AdminException 409 while another run is going on, 503 while the engine is not up
     */
    Run run(boolean repair);

    /** The last run, or empty before the first. */
    Optional<Run> last();

    /** None: the API answers 503 (a process without an engine). */
    static Reconciliations unavailable() {
        return new Reconciliations() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public Run run(boolean repair) {
                throw new IllegalStateException("no engine");
            }

            @Override
            public Optional<Run> last() {
                return Optional.empty();
            }
        };
    }
}
