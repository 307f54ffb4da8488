package io.stagesync.sync;

import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteDialect;
import io.stagesync.connector.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A stateful stand-in for one system behind the connector SPI, for engine tests: records per
 * object with a modstamp that advances on every change, reads in (modstamp, id) order after a
 * position, upserts by id or by an external-id field. Not thread-safe.
 */
final class InMemorySystem implements ChangeReader, RecordWriter {
    private final String system;
    private final WriteDialect dialect;
    private final Map<String, Map<String, Map<String, Object>>> objects = new LinkedHashMap<>();
    private final Map<String, Instant> modstamps = new LinkedHashMap<>();
    private final List<String> writeLog = new ArrayList<>();
    private final Map<String, String> rejections = new LinkedHashMap<>();
    private final Map<String, Object[]> lengthLimits = new LinkedHashMap<>();
    private final Map<String, Integer> fullReads = new LinkedHashMap<>();
    /** object/id of a record deleted by a merge to the id of the record it was merged into. */
    private final Map<String, String> merges = new LinkedHashMap<>();
    private Instant clock = Instant.parse("2026-11-01T09:00:00Z");
    private int nextId = 1000;

    InMemorySystem(String system, WriteDialect dialect) {
        this.system = system;
        this.dialect = dialect;
    }

    /** A change made by a user in the system (not through stagesync). */
    String put(String object, String id, Map<String, Object> fields) {
        Map<String, Object> record = objects.computeIfAbsent(object, k -> new LinkedHashMap<>())
                .computeIfAbsent(id, k -> new LinkedHashMap<>());
        record.putAll(fields);
        touch(object, id);
        return id;
    }

    /** A user's deletion (or, with {@code mergedInto}, a merge into that record): the record is gone from reads. */
    void delete(String object, String id, String mergedInto) {
        objects.getOrDefault(object, new LinkedHashMap<>()).remove(id);
        if (mergedInto != null) {
            merges.put(object + "/" + id, mergedInto);
        }
    }

    /** A deleted record brought back with the fields it had. */
    void undelete(String object, String id, Map<String, Object> fields) {
        merges.remove(object + "/" + id);
        put(object, id, fields);
    }

    @Override
    public Map<String, String> mergedInto(String objectType, java.util.Collection<String> ids) {
        Map<String, String> out = new LinkedHashMap<>();
        ids.forEach(id -> {
            String winner = merges.get(objectType + "/" + id);
            if (winner != null) {
                out.put(id, winner);
            }
        });
        return out;
    }

    /** A user's change stamped at a given modstamp (several records may share one). */
    String putAt(String object, String id, Instant modstamp, Map<String, Object> fields) {
        objects.computeIfAbsent(object, k -> new LinkedHashMap<>()).computeIfAbsent(id, k -> new LinkedHashMap<>())
                .putAll(fields);
        modstamps.put(object + "/" + id, modstamp);
        return id;
    }

    /** Moves this system's clock on, so its next changes are newer than other systems' earlier ones. */
    void advance(Duration by) {
        clock = clock.plus(by);
    }

    private void touch(String object, String id) {
        clock = clock.plus(Duration.ofSeconds(1));
        modstamps.put(object + "/" + id, clock);
    }

    Map<String, Object> get(String object, String id) {
        return objects.getOrDefault(object, Map.of()).get(id);
    }

    Map<String, Map<String, Object>> all(String object) {
        return objects.getOrDefault(object, Map.of());
    }

    /** Each write stagesync made, as {@code object keyField=key {fields}}. */
    List<String> writeLog() {
        return writeLog;
    }

    /** Makes writes to records matching a key fail with a validation error. */
    void reject(String key, String message) {
        rejections.put(key, message);
    }

    /** Lets writes to records matching a key succeed again (the admin fixed the cause in the system). */
    void stopRejecting(String key) {
        rejections.remove(key);
    }

    @Override
    public void readChanges(String objectType, ChangePosition after, int pageSize, PageConsumer consumer) {
        if (after == null) {
            fullReads.merge(objectType, 1, Integer::sum);
        }
        List<SystemRecord> changed = new ArrayList<>();
        objects.getOrDefault(objectType, Map.of()).forEach((id, fields) -> {
            Instant at = modstamps.get(objectType + "/" + id);
            String cursor = String.format("%020d", Long.parseLong(id.replaceAll("\\D", "")));
            if (after == null || at.isAfter(after.modstamp())
                    || (at.equals(after.modstamp()) && cursor.compareTo(after.cursor()) > 0)) {
                changed.add(new SystemRecord(system, objectType, id, at, new LinkedHashMap<>(fields)));
            }
        });
        changed.sort(Comparator.comparing(SystemRecord::modstamp).thenComparing(SystemRecord::id));
        for (int from = 0; from < changed.size(); from += pageSize) {
            List<SystemRecord> page = changed.subList(from, Math.min(changed.size(), from + pageSize));
            SystemRecord last = page.get(page.size() - 1);
            String cursor = String.format("%020d", Long.parseLong(last.id().replaceAll("\\D", "")));
            if (!consumer.accept(List.copyOf(page), new ChangePosition(last.modstamp(), cursor))) {
                return;
            }
        }
    }

    /** Full reads (from no position) asked for so far, per object. */
    Map<String, Integer> fullReads() {
        return fullReads;
    }

    /**
     * Makes writes that set {@code field} to a text longer than {@code max} fail as Salesforce's sObject
     * Collections answers them: {@code STRING_TOO_LONG}, "Account Name: data value too large: … (max length=255)".
     */
    void limitLength(String field, String label, int max) {
        lengthLimits.put(field, new Object[] {label, max});
    }

    /** The record as it is now (the connector SPI's single-record read). */
    public java.util.Optional<SystemRecord> readRecord(String objectType, String id) {
        Map<String, Object> fields = objects.getOrDefault(objectType, Map.of()).get(id);
        return fields == null ? java.util.Optional.empty() : java.util.Optional.of(new SystemRecord(system, objectType,
                id, modstamps.get(objectType + "/" + id), new LinkedHashMap<>(fields)));
    }

    @Override
    public List<WriteResult> upsert(String objectType, String keyField, List<UpsertRequest> requests) {
        List<WriteResult> results = new ArrayList<>();
        Map<String, Map<String, Object>> records = objects.computeIfAbsent(objectType, k -> new LinkedHashMap<>());
        for (UpsertRequest request : requests) {
            writeLog.add(objectType + " " + keyField + "=" + request.key() + " " + request.fields());
            if (rejections.containsKey(request.key())) {
                results.add(WriteResult.failed(request.key(), "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                        rejections.get(request.key())));
                continue;
            }
            String tooLong = lengthLimits.entrySet().stream()
                    .filter(l -> request.fields().get(l.getKey()) instanceof String text && text.length() > (int) l.getValue()[1])
                    .map(l -> l.getValue()[0] + ": data value too large: " + request.fields().get(l.getKey())
                            + " (max length=" + l.getValue()[1] + ")")
                    .findFirst().orElse(null);
            if (tooLong != null) {
                results.add(WriteResult.failed(request.key(), "STRING_TOO_LONG", tooLong));
                continue;
            }
            String id = keyField.equals(dialect.idKeyField()) ? request.key()
                    : records.entrySet().stream().filter(matches(keyField, request.key())).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
            boolean created = id == null || !records.containsKey(id);
            if (id == null) {
                id = String.valueOf(nextId++);
            }
            Map<String, Object> record = records.computeIfAbsent(id, k -> new LinkedHashMap<>());
            if (!keyField.equals(dialect.idKeyField())) {
                record.put(keyField, request.key());
            }
            record.putAll(request.fields());
            touch(objectType, id);
            results.add(WriteResult.ok(request.key(), id, created));
        }
        return results;
    }

    private static Predicate<Map.Entry<String, Map<String, Object>>> matches(String field, String value) {
        return e -> Objects.equals(String.valueOf(e.getValue().get(field)), value);
    }
}
