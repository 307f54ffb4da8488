package io.stagesync.sync;

import io.stagesync.stage.GateDecision;

/**
 * What the engine does with a record's stage after the gate.
 *
 * @param action   keep the change (with {@code stage} as the record's stage), hold it, or revert it
 * @param stage    the record's stage afterwards
 * @param moved    whether the stage changed
 * @param decision the gate's decision, or null when no gate was consulted
 */
record StageStep(Action action, String stage, boolean moved, GateDecision decision) {
    enum Action {
        /** Apply the change (stage as given). */
        APPLY,
        /** Do not propagate anything of this change (policy hold). */
        HOLD,
        /** Do not apply; write {@code stage} (the canonical stage) back to the source (policy revert). */
        REVERT
    }

    static StageStep keep(String stage) {
        return new StageStep(Action.APPLY, stage, false, null);
    }
}
