package io.stagesync.connector.eloqua;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagesync.connector.OneCallPerRecord;
import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Writes Eloqua contacts through the Application API 1.0, one record at a time in request order
 * (saas-apis.md §2.3; the Bulk import would upsert by email in volume, but asynchronously and
 * without per-record results).
 *
 * <ul>
 * <li>Key field {@value #EMAIL_ADDRESS}: {@code GET /data/contacts?search=emailAddress='<key>'&depth=complete},
 *     then {@code PUT /data/contact/{id}} for the one contact with that address (compared ignoring
 *     case) or {@code POST /data/contact} (with {@code emailAddress} set to the key unless the
 *     request sets it) when there is none. An address with a character Eloqua's search cannot take
 *     between quotes ({@code o'brien@example.com}, {@code dq"quote@example.com},
 *     {@code star*@example.com}) is searched for with a wildcard in its place
 *     ({@code emailAddress='o*brien@example.com'}, see {@link EloquaSearch#lookUp}), page by page
 *     ({@value #PATTERN_PAGE} a page), and only the contact with exactly that address is taken.</li>
 * <li>Key field {@value #ID}: {@code GET /data/contact/{key}?depth=complete}, then
 *     {@code PUT /data/contact/{key}}.</li>
 * </ul>
 *
 * <p>Fields are named as the reader names them: standard properties go top-level, every other
 * name must be a contact field internal name and goes into {@code fieldValues} as
 * {@code {"type": "FieldValue", "id": "<field id>", "value": "…"}}. Because Eloqua treats
 * properties missing from a PUT as blank, an update also carries the contact's current profile
 * properties (see {@link EloquaContacts#CARRIED_ON_UPDATE}); its other {@code fieldValues} are
 * left out and so left alone.
 *
 * <p>Failures:
 * <ul>
 * <li>refused before any call, as a failed {@link WriteResult}: an empty key or a bad id
 *     ({@code EMPTY_KEY}, {@code INVALID_ID}), a field that is
 *     read-only or unknown ({@code READ_ONLY_FIELD}, {@code UNKNOWN_FIELD}), a value that is not a
 *     scalar ({@code UNSUPPORTED_VALUE});</li>
 * <li>two contacts with the key's address: failed, {@code DUPLICATE_CONTACT};</li>
 * <li>a wildcard search that finds more than {@value #MAX_CANDIDATES} contacts (an address made
 *     mostly of such characters): failed, {@code UNSEARCHABLE_KEY}, saying why; the address
 *     cannot be looked up, so it is not written rather than written twice;</li>
 * <li>a permanent error about the record (any 4xx except 401: validation, not found) becomes a
 *     failed {@link WriteResult} with Eloqua's requirement (e.g. {@code EmailAddressRequirement})
 *     as code and its validation errors as message, and the next record is written;</li>
 * <li>a retriable error (after the {@link io.stagesync.connector.CallPolicy} gave up), a 401 or a
 *     response the connector cannot use is thrown and no record after it is started;
 *     writing the batch again is safe: it looks each contact up again before writing.</li>
 * </ul>
 * Up to {@code stagesync.eloqua.max-concurrent-calls} contacts are written at once, results in request order
 * (see {@link OneCallPerRecord}: two requests for one address never at once). Thread-safe if the client is.
 */
public final class EloquaRecordWriter implements RecordWriter {
    /** Key field: the contact's email address (Eloqua's unique contact key). */
    public static final String EMAIL_ADDRESS = "emailAddress";
    /** Key field: Eloqua's contact id. */
    public static final String ID = "id";
    /** Contacts per page when an address is searched for with a wildcard. */
    static final int PATTERN_PAGE = 100;
    /** The most contacts a wildcard search may find before the address counts as one that cannot be looked up. */
    static final int MAX_CANDIDATES = 500;

    private final EloquaClient client;
    private final EloquaFieldMetadata metadata;
    private final OneCallPerRecord calls;

    public EloquaRecordWriter(EloquaClient client, EloquaFieldMetadata metadata) {
        this(client, metadata, new OneCallPerRecord("eloqua", 1));
    }

    /** @param calls how many contacts are written at once (closed by whoever made it) */
    public EloquaRecordWriter(EloquaClient client, EloquaFieldMetadata metadata, OneCallPerRecord calls) {
        this.client = Objects.requireNonNull(client, "client");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /**
     * @param objectType {@code contact}
     * @param keyField   {@value #EMAIL_ADDRESS} or {@value #ID}
     * @throws IllegalArgumentException for another object type or key field, before any call
     */
    @Override
    public List<WriteResult> upsert(String objectType, String keyField, List<UpsertRequest> requests) {
        if (!EloquaContacts.OBJECT_TYPE.equals(objectType)) {
            throw new IllegalArgumentException("Eloqua writes contact records; got " + objectType);
        }
        if (!EMAIL_ADDRESS.equals(keyField) && !ID.equals(keyField)) {
            throw new IllegalArgumentException("Eloqua writes contacts by " + EMAIL_ADDRESS + " or " + ID
                    + "; got key field " + keyField);
        }
        metadata.verify();
        return calls.each(requests, request -> writeOne(keyField, request));
    }

    private WriteResult writeOne(String keyField, UpsertRequest request) {
        String key = request.key();
        try {
            EloquaContacts.body(null, request.fields(), metadata);
            return EMAIL_ADDRESS.equals(keyField) ? byEmail(key, request.fields()) : byId(key, request.fields());
        } catch (EloquaContacts.BodyProblem problem) {
            return WriteResult.failed(key, problem.code(), problem.getMessage());
        } catch (SystemCallException e) {
            if (e.retriable() || e.status() == 401 || e.status() / 100 != 4) {
                throw e;
            }
            String message = e instanceof EloquaCallException c && c.detail() != null ? c.detail() : e.getMessage();
            return WriteResult.failed(key, e.vendorCode() == null ? "HTTP_" + e.status() : e.vendorCode(), message);
        }
    }

    private WriteResult byEmail(String key, Map<String, Object> fields) {
        if (key.isBlank()) {
            return WriteResult.failed(key, "EMPTY_KEY", "an email address key must not be blank");
        }
        EloquaSearch.Lookup lookup = EloquaSearch.lookUp(EMAIL_ADDRESS, key);
        List<JsonNode> matches = new ArrayList<>();
        int page = 1;
        while (true) {
            int count = lookup.exact() ? 2 : PATTERN_PAGE;
            JsonNode found = client.get("search contact", EloquaContacts.CONTACTS_PATH,
                    UrlQuery.of("depth", "complete", "count", count, "page", page, "search", lookup.search()));
            long total = found.path("total").asLong(0);
            if (!lookup.exact() && total > MAX_CANDIDATES) {
                return WriteResult.failed(key, "UNSEARCHABLE_KEY", "Eloqua's search cannot take " + quotedCharacters(key)
                        + " literally, so the address was searched for as " + lookup.search() + ", which matches "
                        + total + " contacts, more than the " + MAX_CANDIDATES + " stagesync compares one by one");
            }
            JsonNode elements = found.path("elements");
            for (JsonNode contact : elements) {
                if (key.equalsIgnoreCase(EloquaContacts.text(contact.get(EMAIL_ADDRESS)))) {
                    matches.add(contact);
                }
            }
            if (lookup.exact() || elements.isEmpty() || (long) page * count >= total) {
                break;
            }
            page++;
        }
        if (matches.size() > 1) {
            return WriteResult.failed(key, "DUPLICATE_CONTACT", "Eloqua has more than one contact with this email"
                    + " address (ids " + EloquaContacts.text(matches.get(0).get("id")) + ", "
                    + EloquaContacts.text(matches.get(1).get("id")) + ")");
        }
        if (matches.size() == 1) {
            return update(key, matches.get(0), fields);
        }
        Map<String, Object> create = new LinkedHashMap<>();
        create.put(EMAIL_ADDRESS, key);
        create.putAll(fields);
        JsonNode created = client.send("create contact", "POST", EloquaContacts.CONTACT_PATH, null,
                EloquaContacts.body(null, create, metadata));
        return WriteResult.ok(key, idOf("create contact", created), true);
    }

    /** The characters of the address Eloqua's search cannot take between quotes, e.g. {@code ' and *}. */
    private static String quotedCharacters(String key) {
        return key.chars().filter(c -> !EloquaSearch.isLiteral(String.valueOf((char) c))).distinct()
                .mapToObj(c -> Character.isISOControl(c) ? "a control character" : "'" + (char) c + "'")
                .collect(Collectors.joining(" and "));
    }

    private WriteResult byId(String key, Map<String, Object> fields) {
        if (!EloquaContacts.isId(key)) {
            return WriteResult.failed(key, "INVALID_ID", "an Eloqua contact id is 1-20 digits");
        }
        JsonNode current = client.get("get contact", EloquaContacts.CONTACT_PATH + "/" + key,
                UrlQuery.of("depth", "complete"));
        return update(key, current, fields);
    }

    private WriteResult update(String key, JsonNode current, Map<String, Object> fields) {
        String id = idOf("get contact", current);
        client.send("update contact", "PUT", EloquaContacts.CONTACT_PATH + "/" + id, null,
                EloquaContacts.body(current, fields, metadata));
        return WriteResult.ok(key, id, false);
    }

    private static String idOf(String operation, JsonNode contact) {
        String id = EloquaContacts.text(contact.get("id"));
        if (!EloquaContacts.isId(id)) {
            throw EloquaErrors.unusable(operation, 200, "the contact in the response has no numeric id: " + id, null, null);
        }
        return id;
    }
}
