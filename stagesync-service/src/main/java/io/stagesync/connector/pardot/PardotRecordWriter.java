package io.stagesync.connector.pardot;

import io.stagesync.connector.OneCallPerRecord;
import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes Account Engagement prospects, one call per request (v5 has no batch upsert; mass loads belong to the
 * Import API), up to {@code stagesync.pardot.max-concurrent-calls} calls at once with results in request order
 * (see {@link OneCallPerRecord} for what that keeps of a plain loop):
 * <ul>
 * <li>key field {@value #EMAIL}: {@code POST /api/v5/objects/prospects/do/upsertLatestByEmail}
 *     with {@code matchEmail} = the key, which updates the prospect with that e-mail that has the
 *     latest activity or creates one; {@code email} is added to the prospect as the key when the
 *     fields do not set it (a field {@code email} with another value changes the address);</li>
 * <li>key field {@value #ID}: {@code PATCH /api/v5/objects/prospects/{key}}, which updates the
 *     prospect with that id (v5 updates by id only).</li>
 * </ul>
 * Both ask for {@link #RETURNED_FIELDS}; {@link WriteResult#id()} is the prospect id Pardot
 * returned and {@link WriteResult#created()} is true when the upsert answered 201 (VERIFY: the
 * status v5 gives an upsert that created rather than updated); a PATCH never creates.
 *
 * <p>Failures:
 * <ul>
 * <li>an empty key, or an id key that is not digits, fails that record without a call;</li>
 * <li>a permanent error about the record (a 4xx that is neither an auth nor a business unit
 *     error: validation, unknown field, prospect not found or deleted) becomes a failed
 *     {@link WriteResult} with Pardot's numeric code as text (or {@code HTTP_<status>} without one)
 *     and Pardot's message, and the next record is written;</li>
 * <li>a retriable error (after the {@link io.stagesync.connector.CallPolicy} gave up), an auth or
 *     business unit error (the credentials or configuration, not the record), or a response
 *     without a prospect id is thrown and no record after it is started. Writing the
 *     same batch again is safe as far as the upserts match by e-mail; note that v5 has no
 *     idempotency keys and its read cache can lag writes by about a minute, so an upsert retried
 *     right after a create that timed out may create a second prospect.</li>
 * </ul>
 * Object type {@value PardotChangeReader#PROSPECT} only. Thread-safe if the client is.
 */
public final class PardotRecordWriter implements RecordWriter {
    /** Key field for upserts matched by e-mail. */
    public static final String EMAIL = "email";
    /** Key field for updates by Pardot prospect id. */
    public static final String ID = "id";
    /** The fields of the written prospect each write asks Pardot to return. */
    public static final List<String> RETURNED_FIELDS = List.of("id", "email");

    private static final Pattern PROSPECT_ID = Pattern.compile("[0-9]{1,19}");

    private final PardotClient client;
    private final OneCallPerRecord calls;

    /** A writer sending one prospect after another. */
    public PardotRecordWriter(PardotClient client) {
        this(client, new OneCallPerRecord("pardot", 1));
    }

    /** @param calls how many prospects are written at once (closed by whoever made it) */
    public PardotRecordWriter(PardotClient client, OneCallPerRecord calls) {
        this.client = Objects.requireNonNull(client, "client");
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /**
     * @param objectType {@value PardotChangeReader#PROSPECT}
     * @param keyField   {@value #EMAIL} or {@value #ID}
     * @throws IllegalArgumentException for another object type or key field
     */
    @Override
    public List<WriteResult> upsert(String objectType, String keyField, List<UpsertRequest> requests) {
        if (!PardotChangeReader.PROSPECT.equals(objectType)) {
            throw new IllegalArgumentException("Pardot writes [" + PardotChangeReader.PROSPECT + "]; got " + objectType);
        }
        if (!EMAIL.equals(keyField) && !ID.equals(keyField)) {
            throw new IllegalArgumentException("Pardot writes prospects by " + EMAIL + " (upsert) or " + ID
                    + " (update); got key field " + keyField);
        }
        return calls.each(requests, request -> EMAIL.equals(keyField) ? upsertByEmail(request) : updateById(request));
    }

    private WriteResult upsertByEmail(UpsertRequest request) {
        if (request.key().isBlank()) {
            return WriteResult.failed(request.key(), "EMPTY_KEY", "the e-mail to match must not be empty");
        }
        Map<String, Object> prospect = new LinkedHashMap<>();
        if (!request.fields().containsKey(EMAIL)) {
            prospect.put(EMAIL, request.key());
        }
        prospect.putAll(request.fields());
        try {
            PardotClient.Upserted upserted = client.upsertLatestByEmail(request.key(), prospect, RETURNED_FIELDS);
            return WriteResult.ok(request.key(), idOf("upsert prospect", upserted.prospect()), upserted.created());
        } catch (SystemCallException e) {
            return failedOrThrow(request.key(), e);
        }
    }

    private WriteResult updateById(UpsertRequest request) {
        if (!PROSPECT_ID.matcher(request.key()).matches()) {
            return WriteResult.failed(request.key(), "INVALID_ID", "a Pardot prospect id is 1-19 digits; got '"
                    + request.key() + "'");
        }
        try {
            Map<String, Object> updated = client.updateProspect(request.key(), request.fields(), RETURNED_FIELDS);
            return WriteResult.ok(request.key(), idOf("update prospect", updated), false);
        } catch (SystemCallException e) {
            return failedOrThrow(request.key(), e);
        }
    }

    private static WriteResult failedOrThrow(String key, SystemCallException e) {
        Integer code = e instanceof PardotCallException p ? p.pardotCode() : null;
        boolean aboutTheRecord = !e.retriable() && e.status() / 100 == 4
                && !PardotErrors.isAuthFailure(e.status(), code)
                && (code == null || !PardotErrors.BUSINESS_UNIT_CODES.contains(code));
        if (!aboutTheRecord) {
            throw e;
        }
        String message = e instanceof PardotCallException p && p.vendorMessage() != null ? p.vendorMessage() : e.getMessage();
        return WriteResult.failed(key, e.vendorCode() == null ? "HTTP_" + e.status() : e.vendorCode(), message);
    }

    private static String idOf(String operation, Map<String, Object> prospect) {
        Object id = prospect.get("id");
        if (id == null || !PROSPECT_ID.matcher(id.toString()).matches()) {
            throw new SystemCallException(PardotHttp.SYSTEM, operation, 200, null,
                    "Pardot's answer has no prospect id: id=" + id, null, false, null, null);
        }
        return id.toString();
    }
}
