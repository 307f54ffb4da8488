package io.stagesync.connector.netsuite;

import io.stagesync.connector.OneCallPerRecord;
import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import java.util.List;
import java.util.Objects;

/**
 * Writes records to NetSuite, one call per request (NetSuite has no bulk create or upsert in REST), up to
 * {@code stagesync.netsuite.max-concurrent-calls} calls at once with results in request order (see
 * {@link OneCallPerRecord} for what that keeps of a plain loop): by external id, {@code PUT …/record/v1/{type}/eid:{key}} (creates or
 * updates), or by internal id, {@code PATCH …/record/v1/{type}/{key}} (updates a record NetSuite
 * already has, e.g. one created by Finance without an external id). Any record type, e.g.
 * {@code salesOrder} with {@code {"entity":{"id":"647"},"item":{"items":[…]}}}.
 *
 * <p>Failures:
 * <ul>
 * <li>an empty key fails that record with {@code EMPTY_EXTERNAL_ID} without a call;</li>
 * <li>a permanent error about the record (any 4xx except 401: validation, permission, missing
 *     reference) becomes a failed {@link WriteResult} with the first {@code o:errorCode} and
 *     NetSuite's detail(s), and the next record is written;</li>
 * <li>a retriable error (after the {@link io.stagesync.connector.CallPolicy} gave up) or a 401
 *     (the credentials, not the record) is thrown and no record after it is started;
 *     writing the same batch again is safe because upserts by external id are idempotent.</li>
 * </ul>
 * NetSuite answers 204 whether it created or updated, so {@link WriteResult#created()} is always
 * false. Thread-safe if the client is.
 */
public final class NetSuiteRecordWriter implements RecordWriter {
    /** Key field for upserts by NetSuite's own {@code externalId}, addressed as {@code eid:}. */
    public static final String EXTERNAL_ID = "externalId";
    /** Key field for updates by NetSuite's internal id. */
    public static final String INTERNAL_ID = "id";

    private final NetSuiteClient client;
    private final OneCallPerRecord calls;

    /** A writer sending one record after another. */
    public NetSuiteRecordWriter(NetSuiteClient client) {
        this(client, new OneCallPerRecord("netsuite", 1));
    }

    /** @param calls how many records are written at once (closed by whoever made it) */
    public NetSuiteRecordWriter(NetSuiteClient client, OneCallPerRecord calls) {
        this.client = Objects.requireNonNull(client, "client");
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /**
     * @param keyField {@value #EXTERNAL_ID} or {@value #INTERNAL_ID}
     * @throws IllegalArgumentException for another key field or an invalid record type
     */
    @Override
    public List<WriteResult> upsert(String objectType, String keyField, List<UpsertRequest> requests) {
        if (!EXTERNAL_ID.equals(keyField) && !INTERNAL_ID.equals(keyField)) {
            throw new IllegalArgumentException("NetSuite writes by " + EXTERNAL_ID + " (eid:) or " + INTERNAL_ID
                    + "; got key field " + keyField);
        }
        return calls.each(requests, request -> writeOne(objectType, keyField, request));
    }

    private WriteResult writeOne(String objectType, String keyField, UpsertRequest request) {
        if (request.key().isEmpty()) {
            return WriteResult.failed(request.key(), "EMPTY_EXTERNAL_ID", "an external id must not be empty");
        }
        try {
            if (INTERNAL_ID.equals(keyField)) {
                client.updateRecord(objectType, request.key(), request.fields());
                return WriteResult.ok(request.key(), request.key(), false);
            }
            return WriteResult.ok(request.key(), client.upsertByExternalId(objectType, request.key(), request.fields()), false);
        } catch (SystemCallException e) {
            if (e.retriable() || e.status() == 401 || e.status() / 100 != 4) {
                throw e;
            }
            String message = e instanceof NetSuiteCallException n && n.detail() != null ? n.detail() : e.getMessage();
            return WriteResult.failed(request.key(), e.vendorCode() == null ? "HTTP_" + e.status() : e.vendorCode(), message);
        }
    }
}
