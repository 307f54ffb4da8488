package io.stagesync.connector;

import java.util.List;

/** Writes records to one system. */
public interface RecordWriter {
    /**
     * Creates or updates records of one object type, each addressed by the value of an
     * external-id field, batching as the system allows.
     *
     * @param objectType the system's object
     * @param keyField   the external-id field the keys are values of (e.g. {@code Stagesync_Id__c}, or
     *                   {@code externalId} for NetSuite's {@code eid:} addressing)
     * @param requests   the records, at most what the caller wants in one logical batch
     * @return one result per request, in request order; a record the system refused comes back as
     *     a failed result (permanent per-record error), never as an exception
     * @throws SystemCallException when the whole call fails after the resilience policy gave up
     */
    List<WriteResult> upsert(String objectType, String keyField, List<UpsertRequest> requests);
}
