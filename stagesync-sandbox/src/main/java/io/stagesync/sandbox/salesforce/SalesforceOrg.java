package io.stagesync.sandbox.salesforce;

import io.stagesync.sandbox.query.SimQuery;
import io.stagesync.sandbox.query.SimQueryCandidates;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The records of the simulated Salesforce org and every change to them, whether it comes from the API (the
 * connector) or from the Java API (the sandbox playing a user).
 *
 * <p>Each change sets {@code LastModifiedDate} and {@code SystemModstamp} to the clock's time at millisecond
 * precision, but always at least one millisecond after the previous change of the whole org, so no two changes
 * share a stamp and a reader's {@code (SystemModstamp, Id)} position is exact. Records are
 * {@code Map<String, Object>} keyed by API name with the stored types of {@link SalesforceValues}.
 *
 * <p>Thread-safe: every method synchronizes on this org, and a batch is applied as one step.
 */
final class SalesforceOrg {
    /** The user the connector logs in as; records it writes carry it as last modifier. */
    static final String INTEGRATION_USER = SalesforceIds.id("005", 1);
    /** The user the sandbox plays through the Java API. */
    static final String SANDBOX_USER = SalesforceIds.id("005", 2);

    /** How a write finds its record. */
    enum Kind { CREATE, UPDATE, UPSERT }

    /**
     * One record to write.
     *
     * @param key      UPDATE: the record id; UPSERT: the external-id value; CREATE: ignored (null)
     * @param keyField UPSERT: the external-id field; else null
     * @param fields   API name to value as written (JSON-shaped or typed), without the key
     */
    record Write(Kind kind, SalesforceSchema.SObjectType type, String keyField, String key, Map<String, Object> fields) {
    }

    /** What became of one write: the record id (null when unknown), whether it was created, its errors. */
    record Outcome(String id, boolean created, List<SalesforceError> errors) {
        boolean success() {
            return errors.isEmpty();
        }
    }

    private final Clock clock;
    private final Map<String, Map<String, Map<String, Object>>> records = new HashMap<>();
    private final Map<String, Long> counters = new HashMap<>();
    /** Per type: the records in (SystemModstamp, Id) order, so a query for recent changes reads only those. */
    private final Map<String, NavigableMap<Stamped, String>> byStamp = new HashMap<>();
    /** Every record's stamp as {@link #byStamp} holds it, and its place in creation order. */
    private final Map<String, Stamped> stampOf = new HashMap<>();
    private final Map<String, Long> createdAs = new HashMap<>();
    private long created;
    /**
     * Per type and lower-cased text field: folded value to the ids that had it. Entries are only added, so a lookup
     * checks each id's current value; built the first time an upsert keys on the field.
     */
    private final Map<String, Map<String, Map<String, Set<String>>>> valueIndex = new HashMap<>();
    /** Per type: the deleted records (the recycle bin), {@code IsDeleted = true}; only {@code queryAll} reads them. */
    private final Map<String, Map<String, Map<String, Object>>> recycleBin = new HashMap<>();
    private Instant lastStamp = Instant.EPOCH;
    private CommitListener listener = changes -> { };

    SalesforceOrg(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        for (String type : SalesforceSchema.typeNames()) {
            records.put(type, new LinkedHashMap<>());
            recycleBin.put(type, new LinkedHashMap<>());
            byStamp.put(type, new TreeMap<>());
            valueIndex.put(type, new HashMap<>());
        }
    }

    /** A key of the stamp index. */
    private record Stamped(Instant at, String id) implements Comparable<Stamped> {
        @Override
        public int compareTo(Stamped other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : id.compareTo(other.id);
        }
    }

    /**
     * Applies writes in order. With {@code allOrNone}, one failed write undoes the others, which then report
     * {@code ALL_OR_NONE_OPERATION_ROLLED_BACK}.
     *
     * @param userId the user the changes are made as
     * @return one outcome per write, in order
     * @throws SalesforceRequestException when the request as a whole is unreadable (unknown field, a value
     *     that cannot be the field's type); nothing is changed then
     */
    synchronized List<Outcome> apply(List<Write> writes, boolean allOrNone, String userId) {
        List<Map<String, Object>> coerced = new ArrayList<>();
        for (Write write : writes) {
            coerced.add(coerce(write));
        }
        Map<String, Map<String, Object>> undo = new LinkedHashMap<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            outcomes.add(applyOne(writes.get(i), coerced.get(i), userId, undo));
        }
        if (allOrNone && outcomes.stream().anyMatch(o -> !o.success())) {
            undo.forEach((id, before) -> {
                Map<String, Map<String, Object>> ofType = records.get(SalesforceSchema.typeOfId(id).orElseThrow().name());
                if (before == null) {
                    ofType.remove(id);
                } else {
                    ofType.put(id, before);
                }
                reindex(SalesforceSchema.typeOfId(id).orElseThrow(), id);
            });
            List<Outcome> rolledBack = new ArrayList<>();
            for (Outcome o : outcomes) {
                rolledBack.add(o.success() ? new Outcome(null, false, List.of(new SalesforceError(
                        "ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back because not all records were valid and"
                        + " the request was using AllOrNone header", List.of()))) : o);
            }
            return rolledBack;
        }
        committed(undo, userId);
        return outcomes;
    }

    /**
     * A committed change of one record, as Change Data Capture reports it: one per record and transaction, of
     * the record's first change type in it.
     *
     * @param changeType    {@code CREATE} or {@code UPDATE}
     * @param changed       UPDATE: the API names whose value changed (the stamps included)
     * @param after         a copy of the record as committed
     * @param transactionKey the same for every change of one transaction
     * @param sequence      the change's place in its transaction, from 1
     */
    record Committed(SalesforceSchema.SObjectType type, String id, String changeType, Set<String> changed,
                     Map<String, Object> after, String userId, String transactionKey, int sequence, Instant at) {
    }

    /** Told every committed transaction's changes, in commit order, while the org's lock is held. */
    interface CommitListener {
        void committed(List<Committed> changes);
    }

    /** Replaces the commit listener (the simulator's Pub/Sub bus). */
    synchronized void onCommit(CommitListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Reports a transaction's changes: {@code before} maps each changed id to its state before (null: created). */
    private void committed(Map<String, Map<String, Object>> before, String userId) {
        if (before.isEmpty()) {
            return;
        }
        String transactionKey = java.util.UUID.randomUUID().toString();
        List<Committed> changes = new ArrayList<>();
        before.forEach((id, old) -> {
            SalesforceSchema.SObjectType type = SalesforceSchema.typeOfId(id).orElseThrow();
            io.stagesync.sandbox.http.SimulatorServer.noteWrite(type.name() + " " + id);
            Map<String, Object> after = new LinkedHashMap<>(records.get(type.name()).get(id));
            Set<String> changed = new java.util.LinkedHashSet<>();
            if (old != null) {
                after.forEach((name, value) -> {
                    if (!Objects.equals(value, old.get(name))) {
                        changed.add(name);
                    }
                });
            }
            changes.add(new Committed(type, id, old == null ? "CREATE" : "UPDATE", changed, after, userId,
                    transactionKey, changes.size() + 1, (Instant) after.get("SystemModstamp")));
        });
        listener.committed(List.copyOf(changes));
    }

    /**
     * Sets fields the API may not write (e.g. a lead's conversion fields), as Salesforce itself does; bumps the
     * stamps like any change.
     *
     * @throws IllegalArgumentException when the record does not exist
     */
    synchronized void systemUpdate(SalesforceSchema.SObjectType type, String id, Map<String, Object> fields,
                                   String userId) {
        Map<String, Object> record = records.get(type.name()).get(SalesforceIds.normalize(id));
        if (record == null) {
            throw new IllegalArgumentException("no " + type.name() + " " + id);
        }
        Map<String, Map<String, Object>> before = Map.of(SalesforceIds.normalize(id), new LinkedHashMap<>(record));
        coerce(new Write(Kind.UPDATE, type, null, id, fields)).forEach(record::put);
        SalesforceDefaults.derive(type.name(), record);
        Instant stamp = nextStamp();
        record.put("LastModifiedDate", stamp);
        record.put("LastModifiedById", userId);
        record.put("SystemModstamp", stamp);
        reindex(type, SalesforceIds.normalize(id));
        committed(before, userId);
    }

    /** A copy of the record, or empty. */
    synchronized Optional<Map<String, Object>> get(SalesforceSchema.SObjectType type, String id) {
        String normalized = SalesforceIds.normalize(id);
        Map<String, Object> record = normalized == null ? null : records.get(type.name()).get(normalized);
        return Optional.ofNullable(record).map(LinkedHashMap::new);
    }

    /** Copies of all records of the type, in creation order. */
    synchronized List<Map<String, Object>> list(SalesforceSchema.SObjectType type) {
        return records.get(type.name()).values().stream().map(r -> (Map<String, Object>) new LinkedHashMap<>(r)).toList();
    }

    /**
     * Runs a query; rows are fresh maps. Only the records its filter can select (by Id, or changed since a time; see
     * {@link SoqlEngine#candidates}) are evaluated, in creation order, when the result's order does not depend on
     * which records were read.
     */
    synchronized List<SoqlEngine.Row> query(SimQuery query, SalesforceSchema.SObjectType type) {
        return query(query, type, false);
    }

    /**
     * Runs a query as {@link #query(SimQuery, SalesforceSchema.SObjectType)}; with {@code withDeleted} (REST
     * {@code queryAll}) over the recycle bin's records too.
     */
    synchronized List<SoqlEngine.Row> query(SimQuery query, SalesforceSchema.SObjectType type, boolean withDeleted) {
        Map<String, Map<String, Object>> ofType = records.get(type.name());
        SimQueryCandidates candidates = SoqlEngine.candidates(query, type);
        Collection<Map<String, Object>> selected;
        if (candidates instanceof SimQueryCandidates.Keys keys) {
            selected = keys.values().stream().distinct().map(id -> ofType.get(id.toString())).filter(Objects::nonNull)
                    .sorted(Comparator.comparing(r -> createdAs.get(r.get("Id").toString()))).toList();
        } else if (candidates instanceof SimQueryCandidates.AtLeast since) {
            selected = byStamp.get(type.name()).tailMap(new Stamped((Instant) since.bounds().get(0), ""), true)
                    .values().stream().map(ofType::get)
                    .sorted(Comparator.comparing(r -> createdAs.get(r.get("Id").toString()))).toList();
        } else {
            selected = ofType.values();
        }
        if (withDeleted && !recycleBin.get(type.name()).isEmpty()) {
            List<Map<String, Object>> both = new ArrayList<>(selected);
            both.addAll(recycleBin.get(type.name()).values());
            both.sort(Comparator.comparing(r -> createdAs.get(r.get("Id").toString())));
            selected = both;
        }
        return SoqlEngine.run(query, type, selected);
    }

    /**
     * Deletes records as a user (or a merge) does: each moves to the recycle bin with {@code IsDeleted = true}, its
     * stamps bumped, and Change Data Capture reports one {@code DELETE} per record, in one transaction.
     *
     * @param mergedInto nullable: the record they lost a merge to ({@code MasterRecordId})
     * @throws SalesforceRequestException 404 {@code ENTITY_IS_DELETED} for a record deleted before, 404
     *     {@code NOT_FOUND} for one that does not exist; nothing is deleted then
     */
    synchronized void delete(SalesforceSchema.SObjectType type, List<String> ids, String mergedInto, String userId) {
        List<String> normalized = new ArrayList<>();
        for (String raw : ids) {
            String id = SalesforceIds.normalize(raw);
            if (id != null && recycleBin.get(type.name()).containsKey(id)) {
                throw new SalesforceRequestException(404, "ENTITY_IS_DELETED", "entity is deleted");
            }
            if (id == null || !records.get(type.name()).containsKey(id)) {
                throw new SalesforceRequestException(404, "NOT_FOUND", "The requested resource does not exist");
            }
            normalized.add(id);
        }
        String transactionKey = java.util.UUID.randomUUID().toString();
        List<Committed> changes = new ArrayList<>();
        for (String id : normalized) {
            Map<String, Object> record = records.get(type.name()).remove(id);
            Long order = createdAs.get(id);
            reindex(type, id);
            createdAs.put(id, order);
            Instant stamp = nextStamp();
            record.put("IsDeleted", true);
            if (mergedInto != null) {
                record.put("MasterRecordId", mergedInto);
            }
            record.put("LastModifiedDate", stamp);
            record.put("LastModifiedById", userId);
            record.put("SystemModstamp", stamp);
            recycleBin.get(type.name()).put(id, record);
            changes.add(new Committed(type, id, "DELETE", Set.of(), new LinkedHashMap<>(record), userId,
                    transactionKey, changes.size() + 1, stamp));
        }
        listener.committed(List.copyOf(changes));
    }

    /**
     * Restores a deleted record from the recycle bin as a user does ({@code IsDeleted = false}, stamps bumped);
     * Change Data Capture reports an {@code UNDELETE} with its values.
     *
     * @throws IllegalArgumentException when the record is not in the recycle bin, or was merged away (the
     *     simulator does not undo merges)
     */
    synchronized void undelete(SalesforceSchema.SObjectType type, String id, String userId) {
        String normalized = SalesforceIds.normalize(id);
        Map<String, Object> record = normalized == null ? null : recycleBin.get(type.name()).get(normalized);
        if (record == null) {
            throw new IllegalArgumentException("no " + type.name() + " " + id + " in the recycle bin");
        }
        if (record.get("MasterRecordId") != null) {
            throw new IllegalArgumentException(type.name() + " " + id + " was merged away; not undeleted here");
        }
        recycleBin.get(type.name()).remove(normalized);
        Instant stamp = nextStamp();
        record.put("IsDeleted", false);
        record.put("LastModifiedDate", stamp);
        record.put("LastModifiedById", userId);
        record.put("SystemModstamp", stamp);
        records.get(type.name()).put(normalized, record);
        reindex(type, normalized);
        listener.committed(List.of(new Committed(type, normalized, "UNDELETE", Set.of(), new LinkedHashMap<>(record),
                userId, java.util.UUID.randomUUID().toString(), 1, stamp)));
    }

    /**
     * Merges records as Salesforce's merge does: the losers are deleted with {@code MasterRecordId} set to the
     * winner (one {@code DELETE} event each), the records that referred to a loser (e.g. an Account's Contacts and
     * Opportunities) now refer to the winner, and the winner is updated (its stamps bumped).
     *
     * @throws IllegalArgumentException when the type is not one Salesforce merges (Account, Contact, Lead), a
     *     record does not exist, the winner is among the losers, or there are more than two losers
     */
    synchronized void merge(SalesforceSchema.SObjectType type, String winnerId, List<String> loserIds, String userId) {
        if (type.field("MasterRecordId").isEmpty()) {
            throw new IllegalArgumentException(type.name() + " records cannot be merged");
        }
        String winner = SalesforceIds.normalize(winnerId);
        List<String> losers = loserIds.stream().map(SalesforceIds::normalize).toList();
        if (winner == null || !records.get(type.name()).containsKey(winner) || losers.isEmpty() || losers.size() > 2
                || losers.contains(winner) || losers.stream().anyMatch(l -> l == null
                || !records.get(type.name()).containsKey(l))) {
            throw new IllegalArgumentException("cannot merge " + loserIds + " into " + type.name() + " " + winnerId
                    + ": a merge takes an existing winner and one or two other existing records");
        }
        Map<String, Map<String, Object>> before = new LinkedHashMap<>();
        for (SalesforceSchema.SObjectType child : SalesforceSchema.typeNames().stream()
                .map(n -> SalesforceSchema.type(n).orElseThrow()).toList()) {
            List<String> references = child.fields().values().stream()
                    .filter(f -> type.name().equals(f.refTo()) && f.writable()).map(SalesforceSchema.Field::name).toList();
            for (Map<String, Object> record : records.get(child.name()).values()) {
                for (String field : references) {
                    if (record.get(field) != null && losers.contains(record.get(field).toString())) {
                        before.putIfAbsent(record.get("Id").toString(), new LinkedHashMap<>(record));
                        record.put(field, winner);
                    }
                }
            }
        }
        delete(type, losers, winner, userId);
        before.putIfAbsent(winner, new LinkedHashMap<>(records.get(type.name()).get(winner)));
        for (String id : before.keySet()) {
            SalesforceSchema.SObjectType of = SalesforceSchema.typeOfId(id).orElseThrow();
            Map<String, Object> record = records.get(of.name()).get(id);
            Instant stamp = nextStamp();
            record.put("LastModifiedDate", stamp);
            record.put("LastModifiedById", userId);
            record.put("SystemModstamp", stamp);
            reindex(of, id);
        }
        committed(before, userId);
    }

    /** The SystemModstamp of the latest change, or the epoch before the first. */
    synchronized Instant lastStamp() {
        return lastStamp;
    }

    private Map<String, Object> coerce(Write write) {
        Map<String, Object> out = new LinkedHashMap<>();
        write.fields().forEach((name, value) -> {
            if (name.equals("attributes")) {
                return;
            }
            SalesforceSchema.Field field = write.type().field(name).orElseThrow(() -> new SalesforceRequestException(
                    400, "INVALID_FIELD", "No such column '" + name + "' on sobject of type " + write.type().name()));
            out.put(field.name(), SalesforceValues.coerce(field, value));
        });
        return out;
    }

    private Outcome applyOne(Write write, Map<String, Object> fields, String userId,
                             Map<String, Map<String, Object>> undo) {
        SalesforceSchema.SObjectType type = write.type();
        Map<String, Map<String, Object>> ofType = records.get(type.name());
        Map<String, Object> existing;
        switch (write.kind()) {
            case CREATE -> existing = null;
            case UPDATE -> {
                if (write.key() == null) {
                    return failed(null, "MISSING_ARGUMENT", "Id not specified in an update call", null);
                }
                String id = SalesforceIds.normalize(write.key());
                if (id == null) {
                    return failed(null, "MALFORMED_ID", "Record ID: id value of incorrect type: " + write.key(), "Id");
                }
                existing = ofType.get(id);
                if (existing == null && recycleBin.get(type.name()).containsKey(id)) {
                    return failed(id, "ENTITY_IS_DELETED", "entity is deleted", null);
                }
                if (existing == null) {
                    return failed(id, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", null);
                }
            }
            case UPSERT -> {
                if (write.key() == null || write.key().isBlank()) {
                    return failed(null, "MISSING_ARGUMENT", write.keyField() + " not specified", write.keyField());
                }
                List<Map<String, Object>> matches = withValue(type, write.keyField(), write.key()).stream()
                        .filter(r -> {
                            Object v = SoqlEngine.value(r, write.keyField());
                            return v != null && SoqlEngine.equal(v, write.key());
                        }).toList();
                if (matches.size() > 1) {
                    return failed(null, "DUPLICATE_EXTERNAL_ID", write.keyField() + ": more than one record found for"
                            + " external id field: " + matches.stream().map(r -> r.get("Id").toString()).toList(),
                            write.keyField());
                }
                existing = matches.isEmpty() ? null : matches.get(0);
                if (existing == null) {
                    fields.put(write.type().field(write.keyField()).orElseThrow().name(), write.key());
                }
            }
            default -> throw new IllegalStateException();
        }
        String id = existing == null ? null : existing.get("Id").toString();
        List<SalesforceError> errors = check(type, existing, fields);
        if (!errors.isEmpty()) {
            return new Outcome(id, false, errors);
        }
        Instant stamp = nextStamp();
        Map<String, Object> record;
        if (existing == null) {
            id = SalesforceIds.id(type.keyPrefix(), counters.merge(type.name(), 1L, Long::sum));
            record = new LinkedHashMap<>();
            record.put("Id", id);
            record.put("OwnerId", userId);
            record.put("IsDeleted", false);
            record.put("CreatedDate", stamp);
            record.put("CreatedById", userId);
            SalesforceDefaults.onCreate(type.name(), record);
            undo.putIfAbsent(id, null);
        } else {
            undo.putIfAbsent(id, new LinkedHashMap<>(existing));
            record = existing;
        }
        fields.forEach((name, value) -> record.put(existingKey(record, name), value));
        SalesforceDefaults.derive(type.name(), record);
        record.put("LastModifiedDate", stamp);
        record.put("LastModifiedById", userId);
        record.put("SystemModstamp", stamp);
        ofType.put(id, record);
        reindex(type, id);
        return new Outcome(id, existing == null, List.of());
    }

    /** The per-record checks Salesforce makes before saving, in the order it reports them. */
    private List<SalesforceError> check(SalesforceSchema.SObjectType type, Map<String, Object> existing,
                                        Map<String, Object> fields) {
        List<String> readOnly = fields.keySet().stream()
                .filter(n -> !type.field(n).orElseThrow().writable()).toList();
        if (!readOnly.isEmpty()) {
            return List.of(new SalesforceError("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
                    + String.join(", ", readOnly) + ". Please check the security settings of this field and verify"
                    + " that it is read/write for your profile or permission set.", readOnly));
        }
        List<String> missing = new ArrayList<>();
        for (SalesforceSchema.Field field : type.required()) {
            Object value = fields.containsKey(field.name()) ? fields.get(field.name())
                    : existing == null ? SalesforceDefaults.defaultOf(type.name(), field.name())
                    : existing.get(field.name());
            if (value == null || value instanceof String s && s.isBlank()) {
                missing.add(field.name());
            }
        }
        if (!missing.isEmpty()) {
            return List.of(new SalesforceError("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing,
                    missing));
        }
        List<SalesforceError> errors = new ArrayList<>();
        fields.forEach((name, value) -> {
            SalesforceSchema.Field field = type.field(name).orElseThrow();
            if (value == null) {
                return;
            }
            if (value instanceof String text && field.maxLength() > 0 && text.length() > field.maxLength()
                    && field.type() != SalesforceSchema.Type.REFERENCE) {
                errors.add(new SalesforceError("STRING_TOO_LONG", field.label() + ": data value too large: "
                        + text.substring(0, Math.min(40, text.length())) + "… (max length=" + field.maxLength() + ")",
                        List.of(name)));
            } else if (field.type() == SalesforceSchema.Type.EMAIL && !SalesforceValues.isEmail(value.toString())) {
                errors.add(new SalesforceError("INVALID_EMAIL_ADDRESS", field.label() + ": invalid email address: "
                        + value, List.of(name)));
            } else if (field.type() == SalesforceSchema.Type.REFERENCE) {
                referenceError(field, value.toString()).ifPresent(errors::add);
            }
        });
        return errors;
    }

    private Optional<SalesforceError> referenceError(SalesforceSchema.Field field, String id) {
        if (SalesforceIds.normalize(id) == null) {
            return Optional.of(new SalesforceError("MALFORMED_ID", field.label() + ": id value of incorrect type: "
                    + id, List.of(field.name())));
        }
        if (field.refTo() == null) {
            return Optional.empty();
        }
        SalesforceSchema.SObjectType target = SalesforceSchema.type(field.refTo()).orElseThrow();
        if (!id.startsWith(target.keyPrefix())) {
            return Optional.of(new SalesforceError("FIELD_INTEGRITY_EXCEPTION", field.label()
                    + ": id value of incorrect type: " + id, List.of(field.name())));
        }
        if (!records.get(target.name()).containsKey(id)) {
            return Optional.of(new SalesforceError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id",
                    List.of(field.name())));
        }
        return Optional.empty();
    }

    private static Outcome failed(String id, String code, String message, String field) {
        return new Outcome(id, false, List.of(new SalesforceError(code, message, field == null ? List.of()
                : List.of(field))));
    }

    private static String existingKey(Map<String, Object> record, String name) {
        if (record.containsKey(name)) {
            return name;
        }
        return record.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(name);
    }

    /** Keeps the indexes in step with a change to record {@code id} (created, changed, rolled back or removed). */
    private void reindex(SalesforceSchema.SObjectType type, String id) {
        Stamped before = stampOf.remove(id);
        if (before != null) {
            byStamp.get(type.name()).remove(before);
        }
        Map<String, Object> record = records.get(type.name()).get(id);
        if (record == null) {
            createdAs.remove(id);
            return;
        }
        Stamped now = new Stamped((Instant) record.get("SystemModstamp"), id);
        byStamp.get(type.name()).put(now, id);
        stampOf.put(id, now);
        createdAs.computeIfAbsent(id, k -> created++);
        valueIndex.get(type.name()).forEach((field, index) -> {
            Object value = SoqlEngine.value(record, field);
            if (value != null) {
                index.computeIfAbsent(fold(value.toString()), k -> new HashSet<>()).add(id);
            }
        });
    }

    /**
     * The records that may hold {@code key} in {@code field}: a superset of those SOQL equality matches, from the
     * field's value index (built on first use) for text fields, else every record of the type.
     */
    private Collection<Map<String, Object>> withValue(SalesforceSchema.SObjectType type, String field, String key) {
        Map<String, Map<String, Object>> ofType = records.get(type.name());
        SalesforceSchema.Type fieldType = type.field(field).map(SalesforceSchema.Field::type).orElse(null);
        if (fieldType != SalesforceSchema.Type.TEXT && fieldType != SalesforceSchema.Type.EMAIL
                && fieldType != SalesforceSchema.Type.ID) {
            return ofType.values();
        }
        Map<String, Set<String>> index = valueIndex.get(type.name()).computeIfAbsent(field.toLowerCase(Locale.ROOT),
                name -> {
                    Map<String, Set<String>> built = new HashMap<>();
                    ofType.forEach((id, record) -> {
                        Object value = SoqlEngine.value(record, name);
                        if (value != null) {
                            built.computeIfAbsent(fold(value.toString()), k -> new HashSet<>()).add(id);
                        }
                    });
                    return built;
                });
        return index.getOrDefault(fold(key), Set.of()).stream().map(ofType::get).filter(Objects::nonNull)
                .sorted(Comparator.comparing(r -> createdAs.get(r.get("Id").toString()))).toList();
    }

    /** Text folded so that two strings equal ignoring case (as {@link String#equalsIgnoreCase}) fold alike. */
    private static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
        return out.toString();
    }

    private Instant nextStamp() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant next = now.isAfter(lastStamp) ? now : lastStamp.plusMillis(1);
        lastStamp = next;
        return next;
    }
}
