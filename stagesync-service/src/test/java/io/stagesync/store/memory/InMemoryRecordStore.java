package io.stagesync.store.memory;

import io.stagesync.model.CanonicalRecord;
import io.stagesync.store.RecordStore;
import io.stagesync.store.StaleRecordException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link RecordStore} in memory, for unit tests: the contract of {@code store.jdbc.JdbcRecordStore} (checked by
 * {@code InMemoryStoresTest} running {@code RecordStoreContract}): optimistic versions (0 inserts, n updates only
 * n), fields as the JSON column gives them back (an {@link Instant} comes back as its ISO text), pages by id in
 * natural String order. Thread-safe.
 */
public final class InMemoryRecordStore implements RecordStore {
    private final TreeMap<String, CanonicalRecord> rows = new TreeMap<>();
    private final Clock clock;

    public InMemoryRecordStore() {
        this(Clock.systemUTC());
    }

    public InMemoryRecordStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<CanonicalRecord> find(String id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public synchronized CanonicalRecord save(CanonicalRecord row) {
        CanonicalRecord stored = rows.get(row.id());
        if (row.version() == 0 && stored != null) {
            throw new StaleRecordException("Record " + row.id() + " already exists; it was saved with"
                    + " version 0 (new) but someone else created it first");
        }
        if (row.version() > 0 && (stored == null || stored.version() != row.version())) {
            throw new StaleRecordException("Record " + row.id() + " was saved with version " + row.version()
                    + " but the stored record is " + (stored == null ? "gone" : "at version " + stored.version()));
        }
        Map<String, Object> asJson = new LinkedHashMap<>();
        row.fields().forEach((name, value) -> asJson.put(name, value instanceof Instant ? value.toString() : value));
        CanonicalRecord saved = new CanonicalRecord(row.id(), row.entityType(), row.stage(), asJson,
                row.bookkeeping(), row.version() + 1, clock.instant().truncatedTo(ChronoUnit.MICROS));
        rows.put(row.id(), saved);
        return saved;
    }

    @Override
    public synchronized long countByStage(String entityType, String stage) {
        return rows.values().stream()
                .filter(r -> r.entityType().equals(entityType) && Objects.equals(r.stage(), stage)).count();
    }

    @Override
    public synchronized List<CanonicalRecord> page(String entityType, String afterId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        Map<String, CanonicalRecord> after = afterId == null ? rows : rows.tailMap(afterId, false);
        return after.values().stream().filter(r -> r.entityType().equals(entityType)).limit(limit).toList();
    }
}
