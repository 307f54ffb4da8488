package io.stagesync.e2e.ledger;

import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The toy fifth system's data: an in-memory book of records per object, each with an id ({@code L1001}, …) and a
 * modstamp that moves on every change, like a SaaS system's. Books are found by name (the connector's
 * {@code stagesync.ledger.book} setting), as an in-memory database is by its URL. Thread-safe.
 */
public final class Ledger {
    private static final Map<String, Ledger> BOOKS = new ConcurrentHashMap<>();

    private final String name;
    private final Map<String, Map<String, Map<String, Object>>> objects = new LinkedHashMap<>();
    private final Map<String, Instant> modstamps = new LinkedHashMap<>();
    private final List<String> writeLog = new ArrayList<>();
    /** Later than the Salesforce fixtures' modstamps, so an edit here is the newest (field ownership "newest"). */
    private Instant clock = Instant.parse("2026-11-20T12:00:00Z");
    private int nextId = 1001;

    private Ledger(String name) {
        this.name = name;
    }

    /** Opens a new empty book under {@code name}. */
    public static Ledger open(String name) {
        Ledger book = new Ledger(name);
        if (BOOKS.putIfAbsent(name, book) != null) {
            throw new IllegalStateException("book " + name + " is open already");
        }
        return book;
    }

    /** The book's name (what {@code stagesync.ledger.book} names). */
    public String name() {
        return name;
    }

    /** The open book of that name. */
    static Optional<Ledger> find(String name) {
        return Optional.ofNullable(BOOKS.get(name));
    }

    /** Closes the book: it can no longer be found. */
    public void close() {
        BOOKS.remove(name, this);
    }

    /** A change a user makes in the ledger (not through stagesync); returns the record's id. */
    public synchronized String put(String object, String id, Map<String, Object> fields) {
        objects.computeIfAbsent(object, k -> new LinkedHashMap<>()).computeIfAbsent(id, k -> new LinkedHashMap<>())
                .putAll(fields);
        touch(object, id);
        return id;
    }

    /** The record as the ledger holds it, or null. */
    public synchronized Map<String, Object> get(String object, String id) {
        Map<String, Object> record = objects.getOrDefault(object, Map.of()).get(id);
        return record == null ? null : Map.copyOf(record);
    }

    /** Every record of an object, by id. */
    public synchronized Map<String, Map<String, Object>> all(String object) {
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        objects.getOrDefault(object, Map.of()).forEach((id, fields) -> copy.put(id, new LinkedHashMap<>(fields)));
        return copy;
    }

    /** Each write stagesync made, as {@code object keyField=key {fields}}. */
    public synchronized List<String> writeLog() {
        return List.copyOf(writeLog);
    }

    private void touch(String object, String id) {
        clock = clock.plus(Duration.ofSeconds(1));
        modstamps.put(object + "/" + id, clock);
    }

    /** The records changed after {@code after} (all when null), in (modstamp, id) order. */
    synchronized List<SystemRecord> changedAfter(String object, ChangePosition after) {
        List<SystemRecord> changed = new ArrayList<>();
        objects.getOrDefault(object, Map.of()).forEach((id, fields) -> {
            Instant at = modstamps.get(object + "/" + id);
            if (after == null || at.isAfter(after.modstamp())
                    || (at.equals(after.modstamp()) && id.compareTo(after.cursor()) > 0)) {
                changed.add(new SystemRecord(LedgerConnector.NAME, object, id, at, new LinkedHashMap<>(fields)));
            }
        });
        changed.sort(Comparator.comparing(SystemRecord::modstamp).thenComparing(SystemRecord::id));
        return changed;
    }

    /** Updates the record whose {@code keyField} equals each key ({@code id}: the record's own id), else creates one. */
    synchronized List<WriteResult> upsert(String object, String keyField, List<UpsertRequest> requests) {
        Map<String, Map<String, Object>> records = objects.computeIfAbsent(object, k -> new LinkedHashMap<>());
        List<WriteResult> results = new ArrayList<>();
        for (UpsertRequest request : requests) {
            writeLog.add(object + " " + keyField + "=" + request.key() + " " + request.fields());
            String id = keyField.equals("id") ? (records.containsKey(request.key()) ? request.key() : null)
                    : records.entrySet().stream().filter(r -> request.key().equals(r.getValue().get(keyField)))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (id == null && keyField.equals("id")) {
                results.add(WriteResult.failed(request.key(), "NOT_FOUND", "no " + object + " " + request.key()));
                continue;
            }
            boolean created = id == null;
            if (created) {
                id = "L" + nextId++;
                records.put(id, new LinkedHashMap<>(Map.of(keyField, request.key())));
            }
            records.get(id).putAll(request.fields());
            touch(object, id);
            results.add(WriteResult.ok(request.key(), id, created));
        }
        return results;
    }
}
