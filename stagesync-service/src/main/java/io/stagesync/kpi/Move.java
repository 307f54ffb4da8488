package io.stagesync.kpi;

import java.time.Instant;

/**
 * One step of one record from a stage to the next, unfolded from a moving history entry: a jump whose
 * path is A, B, C becomes the steps A → B and B → C, both at the entry's time and with its id.
 *
 * @param seq        position in the record's journey, ascending
 * @param at         when the decision was made
 * @param from       nullable: the record was first seen at {@code to}
 * @param to         the stage arrived at
 * @param decisionId the history entry's id (shared by the steps of one jump)
 */
record Move(int seq, Instant at, String from, String to, long decisionId) {
    boolean firstSeen() {
        return from == null;
    }
}
