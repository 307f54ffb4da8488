package io.stagesync.connector;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a change reader stands in one object's changes: the modstamp of the last record taken
 * and a cursor for the last id at that modstamp.
 *
 * <p>{@code cursor} is produced by the reader and is ordered lexicographically in the same order
 * the system orders ids (a reader with numeric ids zero-pads them), so positions can be compared
 * as (modstamp, cursor) by code that knows nothing of the system.
 *
 * @param modstamp the last modstamp taken, non-null
 * @param cursor   the reader's encoding of the last id taken at that modstamp, non-null
 */
public record ChangePosition(Instant modstamp, String cursor) {
    public ChangePosition {
        Objects.requireNonNull(modstamp, "modstamp");
        Objects.requireNonNull(cursor, "cursor");
    }
}
