package io.stagesync.connector;

import java.util.List;
import java.util.Optional;

/**
 * Reads one system's changes incrementally, in (modstamp, id) order.
 *
 * <p>Records sharing a modstamp across a page boundary are neither skipped nor repeated: a read
 * after position P returns exactly the records whose (modstamp, id) is greater than P's. A caller
 * may start behind a position it read before (the engine's look-back window, for changes that
 * become visible late): P's modstamp moved back with its cursor kept is a valid position.
 */
public interface ChangeReader {
    /**
     * Reads the records of {@code objectType} changed after {@code after}, page by page.
     *
     * @param objectType the system's object
     * @param after      the position to read after; null reads from the beginning
     * @param pageSize   the page size to ask for (the system may return fewer)
     * @param consumer   receives each non-empty page and the position at its end; returning
     *                   false stops the read (the next read resumes from the position the caller saved)
     * @throws SystemCallException when a call fails after the resilience policy gave up
     */
    void readChanges(String objectType, ChangePosition after, int pageSize, PageConsumer consumer);

    /**
     * Reads one record as the system holds it now, with the same fields {@link #readChanges} returns: what a
     * dead letter's replay applies, so a record fixed in its system since is replayed as fixed.
     *
     * @return the record, or empty when the system no longer has it (deleted, or no longer matching the
     *     object's filter)
     * @throws UnsupportedOperationException when this reader cannot read single records (the default): the
     *     replay then uses what the dead letter stored, or the canonical record
     * @throws SystemCallException when the call fails after the resilience policy gave up
     */
    default Optional<SystemRecord> readRecord(String objectType, String id) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot read single records");
    }

    /**
     * Reads records by id as the system holds them now, with the same fields {@link #readChanges} returns: what a
     * streamed change applies (see {@link ChangeStream}). The default reads them one by one with
     * {@link #readRecord}.
     *
     * @param ids the records' ids (duplicates read once)
     * @return the records that exist and match the object's filter, in (modstamp, id) order
     * @throws UnsupportedOperationException when this reader cannot read single records
     * @throws SystemCallException when a call fails after the resilience policy gave up
     */
    default List<SystemRecord> readRecords(String objectType, java.util.Collection<String> ids) {
        List<SystemRecord> records = new java.util.ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(ids)) {
            readRecord(objectType, id).ifPresent(records::add);
        }
        records.sort(java.util.Comparator.comparing(SystemRecord::modstamp).thenComparing(SystemRecord::id));
        return records;
    }

    /**
     * Of records the system reported deleted, those deleted by a merge, each with the id of the record (same object)
     * it was merged into. The default cannot tell and answers none: every deletion is then a plain deletion.
     *
     * @param ids deleted records' ids
     * @return loser id to winner id, for the merged ones only
     * @throws SystemCallException when a call fails after the resilience policy gave up
     */
    default java.util.Map<String, String> mergedInto(String objectType, java.util.Collection<String> ids) {
        return java.util.Map.of();
    }

    /** Receives one page of changes. */
    @FunctionalInterface
    interface PageConsumer {
        /**
         * @param page the records of the page, in (modstamp, id) order, never empty
         * @param end  the position after the last record of the page
         * @return true to read the next page, false to stop
         */
        boolean accept(List<SystemRecord> page, ChangePosition end);
    }
}
