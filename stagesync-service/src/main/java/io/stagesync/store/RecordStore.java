package io.stagesync.store;

import io.stagesync.model.CanonicalRecord;
import java.util.List;
import java.util.Optional;

/**
 * Canonical records with optimistic concurrency: every save names the version it was based on.
 */
public interface RecordStore {

    /** The record, or empty. */
    Optional<CanonicalRecord> find(String id);

    /**
     * Stores the record and returns it as {@link #find} would now: version incremented, updatedAt set to
     * now, fields as read back from JSON (Instants become Strings, see {@link CanonicalRecord}).
     * Version 0 inserts (result version 1); version n updates only if the stored version is still n
     * (result version n + 1). The row's updatedAt is ignored.
     *
     * @throws StaleRecordException when version 0 but the id exists, or version n but the stored
     *                              version differs or the record is gone
     */
    CanonicalRecord save(CanonicalRecord row);

    /**
     * How many records of the type are in the stage.
     *
     * @param stage nullable: count records without a stage
     */
    long countByStage(String entityType, String stage);

    /**
     * One page of the records of a type, ordered by id as the database orders text (keyset paging: pass the
     * last id of a page to get the next; the order may differ between databases, the pages never overlap).
     *
     * @param afterId nullable: start at the first record
     * @param limit   at most this many, at least 1
     */
    List<CanonicalRecord> page(String entityType, String afterId, int limit);
}
