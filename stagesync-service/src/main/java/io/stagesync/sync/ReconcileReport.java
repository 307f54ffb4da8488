package io.stagesync.sync;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link StageReconciler} run found: per system object, the stages its records show beside their canonical
 * stages, and every drifting record.
 *
 * @param at      when the run ended
 * @param objects one per system object with a stage field, in the stage model's mapping order
 * @param drifts  the drifting records, object by object, at most {@link StageReconciler#MAX_DRIFTS_LISTED}
 */
public record ReconcileReport(Instant at, List<ObjectReport> objects, List<Drift> drifts) {
    public ReconcileReport {
        Objects.requireNonNull(at, "at");
        objects = List.copyOf(objects);
        drifts = List.copyOf(drifts);
    }

    /** Drifting records in all systems (also those beyond the ones listed). */
    public long drifted() {
        return objects.stream().mapToLong(ObjectReport::drifted).sum();
    }

    /** Whether more records drift than {@link #drifts} lists. */
    public boolean truncated() {
        return drifted() > drifts.size();
    }

    /** The system objects whose read failed (their counts cover what was read before). */
    public List<ObjectReport> failed() {
        return objects.stream().filter(o -> o.error() != null).toList();
    }

    /**
     * One system object.
     *
     * @param checked   linked records read and compared
     * @param drifted   of those, drifting
     * @param pending   of those, showing another stage in a version newer than the object's watermark: the next
     *                  poll applies it through the gate (not drift)
     * @param held      of those, showing a move the gate refused under {@code hold} (not drift)
     * @param deadLettered of those, whose change from that system waits in the dead letters (not drift)
     * @param notRead   linked records the system did not return (deleted there, or outside the object's filter)
     * @param shown     stage (or {@code (empty)}, {@code (unmapped: value)}) to the number of records showing it
     *                  there; sorted
     * @param canonical canonical stage to the number of the checked records at it; sorted
     * @param error     nullable: why reading the object stopped (a failed call); the counts cover what was read
     */
    public record ObjectReport(String system, String object, String field, long checked, long drifted, long pending,
                               long held, long deadLettered, long notRead, Map<String, Long> shown,
                               Map<String, Long> canonical, String error) {
        public ObjectReport {
            shown = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(shown));
            canonical = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(canonical));
        }
    }

    /**
     * A record whose system shows another stage than its canonical one.
     *
     * @param valueThere    the field's value there; null when empty
     * @param stageThere    the stage that value means; null when empty or not in the mapping
     * @param expectedValue the value the field should hold for the canonical stage
     */
    public record Drift(String canonicalId, String entityType, String system, String object, String externalId,
                       String field, String valueThere, String stageThere, String canonicalStage,
                       String expectedValue) {
    }
}
