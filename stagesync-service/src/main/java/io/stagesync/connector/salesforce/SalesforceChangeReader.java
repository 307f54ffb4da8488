package io.stagesync.connector.salesforce;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.SystemRecord;

/**
 * Reads changed Salesforce records (Lead, Contact, Account, Opportunity, or any object configured) with SOQL,
 * in (SystemModstamp, Id) order, page by page.
 *
 * <p>Query: {@code SELECT Id, SystemModstamp, <fields> FROM <type> WHERE SystemModstamp > ts OR
 * (SystemModstamp = ts AND Id > 'id') ORDER BY SystemModstamp, Id} (no WHERE from the beginning), then
 * {@code nextRecordsUrl} until {@code done}. SystemModstamp rather than LastModifiedDate, so changes made by
 * automation are seen too. An object may have a filter (equality conditions ANDed before the position, e.g.
 * {@code IsConverted = false} for Lead); its records that do not match it are never read. Each Salesforce page
 * is one page to the consumer; the position at its end is (SystemModstamp, Id) of its last record, with
 * {@link ChangePosition#cursor()} the 18-character Id. Ids compare as plain strings, which is assumed to match Salesforce's {@code ORDER BY Id}.
 *
 * <p>Records become {@link SystemRecord}s with every returned field except {@code attributes} (also dropped
 * from nested relationship objects); numbers with a fraction become {@link java.math.BigDecimal}. Deleted
 * records are not read ({@code query}, not {@code queryAll}).
 *
 * <p>Thread-safe; each call to {@link #readChanges} is independent.
 */
public final class SalesforceChangeReader implements ChangeReader {

    private static final DateTimeFormatter SALESFORCE_DATETIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffsetId().optionalEnd().toFormatter();

    /** Ids per query by id: 200 ids keep a SOQL text near 5,000 characters, far below its 100,000 limit. */
    static final int IDS_PER_QUERY = 200;

    private final SalesforceClient client;
    private final Map<String, List<String>> fieldsByObject;
    private final Map<String, Map<String, Object>> filtersByObject;

    /**
     * @param client         the client calls go through
     * @param fieldsByObject object API name to the field API names to read; {@code Id} and {@code SystemModstamp}
     *                       are always read; names are checked here
     * @throws IllegalArgumentException for an object or field that is not an API name
     */
    public SalesforceChangeReader(SalesforceClient client, Map<String, List<String>> fieldsByObject) {
        this(client, fieldsByObject, Map.of());
    }

    /**
     * A reader that reads only the records of an object matching its filter (e.g. Leads with
     * {@code IsConverted = false}: a converted Lead lives on as its Contact).
     *
     * @param filtersByObject object API name to its filter (field API name to a {@link Boolean} or
     *                        {@link String} it must equal, see {@link Soql#changesQuery(String, List, Map, Instant, String)});
     *                        objects without an entry are read whole
     * @throws IllegalArgumentException for a filter on an object that is not read, or a filter name or value
     *     that is not allowed
     */
    public SalesforceChangeReader(SalesforceClient client, Map<String, List<String>> fieldsByObject,
                                  Map<String, Map<String, Object>> filtersByObject) {
        this.client = Objects.requireNonNull(client, "client");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        fieldsByObject.forEach((type, fields) -> {
            Soql.requireName(type);
            fields.forEach(Soql::requireName);
            copy.put(type, List.copyOf(fields));
        });
        this.fieldsByObject = Map.copyOf(copy);
        Map<String, Map<String, Object>> filters = new LinkedHashMap<>();
        filtersByObject.forEach((type, filter) -> {
            if (!copy.containsKey(type)) {
                throw new IllegalArgumentException("a filter for Salesforce object " + type + ", which is not read");
            }
            Soql.changesQuery(type, List.of(), filter, null, null);
            filters.put(type, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(filter)));
        });
        this.filtersByObject = Map.copyOf(filters);
    }

    /**
     * {@inheritDoc}
     *
     * @param objectType one of the configured objects
     * @param after      nullable; its cursor must be a 15- or 18-character Salesforce id
     * @param pageSize   the batch size hint, clamped to 200–2000 (Salesforce may return fewer)
     * @throws IllegalArgumentException for an object that is not configured or a cursor that is not an id
     */
    @Override
    public void readChanges(String objectType, ChangePosition after, int pageSize, PageConsumer consumer) {
        List<String> fields = fieldsByObject.get(objectType);
        if (fields == null) {
            throw new IllegalArgumentException("Salesforce object " + objectType + " is not configured for reading"
                    + " (configured: " + fieldsByObject.keySet() + ")");
        }
        Map<String, Object> filter = filtersByObject.getOrDefault(objectType, Map.of());
        String soql = after == null ? Soql.changesQuery(objectType, fields, filter, null, null)
                : Soql.changesQuery(objectType, fields, filter, after.modstamp(), after.cursor());
        JsonNode page = client.query(objectType, soql, pageSize);
        while (true) {
            List<SystemRecord> records = records(objectType, page);
            if (!records.isEmpty()) {
                SystemRecord last = records.get(records.size() - 1);
                if (!consumer.accept(records, new ChangePosition(last.modstamp(), last.id()))) {
                    return;
                }
            }
            JsonNode next = page.get("nextRecordsUrl");
            if (page.path("done").asBoolean(true) || next == null || !next.isTextual()) {
                return;
            }
            page = client.queryMore(objectType, next.asText(), pageSize);
        }
    }

    /**
     * {@inheritDoc} One SOQL query by {@code Id} (with the object's filter), the same fields as a change read.
     *
     * @param id a 15- or 18-character record id
     * @throws IllegalArgumentException for an object that is not configured, or an id that is not a record id
     */
    @Override
    public Optional<SystemRecord> readRecord(String objectType, String id) {
        List<String> fields = fieldsByObject.get(objectType);
        if (fields == null) {
            throw new IllegalArgumentException("Salesforce object " + objectType + " is not configured for reading"
                    + " (configured: " + fieldsByObject.keySet() + ")");
        }
        String soql = Soql.recordQuery(objectType, fields, filtersByObject.getOrDefault(objectType, Map.of()), id);
        List<SystemRecord> records = records(objectType, client.query(objectType, soql, SalesforceSettings.MIN_PAGE_SIZE));
        return records.stream().filter(r -> r.id().equals(id) || r.id().startsWith(id)).findFirst();
    }

    /**
     * {@inheritDoc} SOQL queries by {@code Id IN (…)}, at most {@value #IDS_PER_QUERY} ids each, with the object's
     * filter and the same fields as a change read; every page of each read.
     *
     * @throws IllegalArgumentException for an object that is not configured, or an id that is not a record id
     */
    @Override
    public List<SystemRecord> readRecords(String objectType, java.util.Collection<String> ids) {
        List<String> fields = fieldsByObject.get(objectType);
        if (fields == null) {
            throw new IllegalArgumentException("Salesforce object " + objectType + " is not configured for reading"
                    + " (configured: " + fieldsByObject.keySet() + ")");
        }
        Map<String, Object> filter = filtersByObject.getOrDefault(objectType, Map.of());
        List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(ids));
        List<SystemRecord> out = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += IDS_PER_QUERY) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_QUERY));
            JsonNode page = client.query(objectType, Soql.recordsQuery(objectType, fields, filter, chunk),
                    SalesforceSettings.MAX_PAGE_SIZE);
            while (true) {
                out.addAll(records(objectType, page));
                JsonNode next = page.get("nextRecordsUrl");
                if (page.path("done").asBoolean(true) || next == null || !next.isTextual()) {
                    break;
                }
                page = client.queryMore(objectType, next.asText(), SalesforceSettings.MAX_PAGE_SIZE);
            }
        }
        out.sort(java.util.Comparator.comparing(SystemRecord::modstamp).thenComparing(SystemRecord::id));
        return out;
    }

    /**
     * Reads the deleted records among {@code ids} with {@code queryAll} ({@code IsDeleted = true}, 200 ids per
     * query) and answers those whose {@code MasterRecordId} names the record they were merged into. Only the
     * objects Salesforce merges have that field ({@link Soql#MERGEABLE_OBJECTS}); others answer none without a call.
     * A record purged from the recycle bin is not found: it is a plain deletion.
     */
    @Override
    public Map<String, String> mergedInto(String objectType, java.util.Collection<String> ids) {
        if (!Soql.MERGEABLE_OBJECTS.contains(objectType) || ids.isEmpty()) {
            return Map.of();
        }
        List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(ids));
        Map<String, String> merged = new LinkedHashMap<>();
        for (int from = 0; from < distinct.size(); from += IDS_PER_QUERY) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_QUERY));
            JsonNode page = client.queryAll(objectType, Soql.mergedQuery(objectType, chunk),
                    SalesforceSettings.MAX_PAGE_SIZE);
            while (true) {
                JsonNode records = page.get("records");
                if (records == null || !records.isArray()) {
                    throw unexpected(objectType, "a queryAll page without a records array");
                }
                for (JsonNode record : records) {
                    String winner = record.path("MasterRecordId").asText(null);
                    if (record.hasNonNull("Id") && winner != null && !winner.isBlank()) {
                        merged.put(record.get("Id").asText(), winner);
                    }
                }
                JsonNode next = page.get("nextRecordsUrl");
                if (page.path("done").asBoolean(true) || next == null || !next.isTextual()) {
                    break;
                }
                page = client.queryMore(objectType, next.asText(), SalesforceSettings.MAX_PAGE_SIZE);
            }
        }
        return merged;
    }

    private static List<SystemRecord> records(String objectType, JsonNode page) {
        JsonNode records = page.get("records");
        if (records == null || !records.isArray()) {
            throw unexpected(objectType, "a query page without a records array");
        }
        List<SystemRecord> out = new ArrayList<>(records.size());
        for (JsonNode record : records) {
            String id = record.path("Id").asText(null);
            String stamp = record.path("SystemModstamp").asText(null);
            if (!Soql.isId(id) || stamp == null) {
                throw unexpected(objectType, "a record without a valid Id or SystemModstamp");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) toJava(record);
            out.add(new SystemRecord(SalesforceErrors.SYSTEM, objectType, id, parseDatetime(objectType, stamp),
                    fields));
        }
        return out;
    }

    /** Parses {@code 2026-01-02T03:04:05.000+0000} (Salesforce's form) and ISO-8601 offsets. */
    static Instant parseDatetime(String objectType, String text) {
        try {
            return OffsetDateTime.parse(text, SALESFORCE_DATETIME).toInstant();
        } catch (DateTimeParseException e) {
            throw unexpected(objectType, "a SystemModstamp that is not a datetime: " + text);
        }
    }

    private static Object toJava(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getKey().equals("attributes")) {
                    map.put(field.getKey(), toJava(field.getValue()));
                }
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(toJava(element)));
            return list;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.asText();
    }

    private static SystemCallException unexpected(String objectType, String what) {
        return new SystemCallException(SalesforceErrors.SYSTEM, "query " + objectType, 200,
                "UNEXPECTED_RESPONSE", "Salesforce returned " + what, null, false, null, null);
    }
}
