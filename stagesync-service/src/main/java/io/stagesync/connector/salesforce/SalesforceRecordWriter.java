package io.stagesync.connector.salesforce;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;

/**
 * Upserts Salesforce records by an external-id field through sObject Collections
 * ({@code PATCH /services/data/vNN.N/composite/sobjects/{type}/{keyField}}, {@code allOrNone=false}), or, with
 * key field {@value #ID}, updates records by their Id ({@code PATCH /services/data/vNN.N/composite/sobjects}); at most
 * {@value SalesforceClient#MAX_RECORDS_PER_CALL} records per call; longer lists are split into consecutive calls, each one
 * API call and one {@code CallPolicy} execution.
 *
 * <p>Each request becomes a {@link DynamicSObject}, so the body holds exactly {@code attributes.type}, the key
 * field and the request's fields (nulls only where the request has a null, to clear that field).
 *
 * <p>Results: one per request, in request order. A record Salesforce refused is a failed {@link WriteResult}
 * with the first error's {@code statusCode} (e.g. {@code FIELD_CUSTOM_VALIDATION_EXCEPTION}) and all errors'
 * messages (with their fields); that includes per-record {@code UNABLE_TO_LOCK_ROW}, which a later replay may
 * clear. A whole call that fails throws {@code SystemCallException}; results of earlier calls of the same list
 * are then not returned, which is safe because upserts by external id are idempotent (the caller retries the
 * list). Thread-safe.
 */
public final class SalesforceRecordWriter implements RecordWriter {
    /** Key field meaning "update by Salesforce Id" (sObject Collections update, never creates). */
    public static final String ID = "Id";

    private final SalesforceClient client;

    public SalesforceRecordWriter(SalesforceClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException before any call when a name is not an API name, a field cannot be
     *     written ({@code Id}, {@code attributes}, the key field with another value) or a value has an
     *     unsupported type (see {@link DynamicSObject})
     */
    @Override
    public List<WriteResult> upsert(String objectType, String keyField, List<UpsertRequest> requests) {
        List<DynamicSObject> records = requests.stream()
                .map(r -> new DynamicSObject(objectType, keyField, r.key(), r.fields())).toList();
        List<WriteResult> results = new ArrayList<>(requests.size());
        for (int from = 0; from < records.size(); from += SalesforceClient.MAX_RECORDS_PER_CALL) {
            int to = Math.min(records.size(), from + SalesforceClient.MAX_RECORDS_PER_CALL);
            List<DynamicSObject> chunk = records.subList(from, to);
            if (ID.equals(keyField)) {
                List<SaveSObjectResult> outcomes = client.update(objectType, chunk);
                for (int i = 0; i < chunk.size(); i++) {
                    SaveSObjectResult o = outcomes.get(i);
                    results.add(toResult(chunk.get(i).externalId(), o.getSuccess(), o.getId(), false, o.getErrors()));
                }
            } else {
                List<UpsertSObjectResult> outcomes = client.upsert(objectType, keyField, chunk);
                for (int i = 0; i < chunk.size(); i++) {
                    UpsertSObjectResult o = outcomes.get(i);
                    results.add(toResult(chunk.get(i).externalId(), o.getSuccess(), o.getId(),
                            Boolean.TRUE.equals(o.getCreated()), o.getErrors()));
                }
            }
        }
        return results;
    }

    private static WriteResult toResult(String key, Boolean success, String id, boolean created, List<RestError> errorList) {
        if (Boolean.TRUE.equals(success)) {
            return WriteResult.ok(key, id, created);
        }
        List<RestError> errors = errorList == null ? List.of() : errorList;
        if (errors.isEmpty()) {
            return WriteResult.failed(key, "UNKNOWN", "Salesforce reported a failure without errors");
        }
        String message = errors.stream().map(SalesforceRecordWriter::describe).collect(Collectors.joining("; "));
        return WriteResult.failed(key, errors.get(0).getErrorCode(), message);
    }

    private static String describe(RestError error) {
        String text = error.getMessage() == null ? error.getErrorCode() : error.getMessage();
        List<String> fields = error.getFields();
        return fields == null || fields.isEmpty() ? text : text + " (fields: " + String.join(", ", fields) + ")";
    }
}
