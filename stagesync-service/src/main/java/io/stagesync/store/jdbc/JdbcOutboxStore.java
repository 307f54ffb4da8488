package io.stagesync.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.stagesync.store.HeldWrite;
import io.stagesync.store.OutboxStore;

/**
 * {@link OutboxStore} on table {@code outbox}. A hold is an UPDATE of the record's row, or an INSERT when there
 * is none (a concurrent insert that wins the primary key makes this one an update); a removal deletes the row
 * only while its {@code times_held} is still the one that was read, so a write held again meanwhile stays.
 */
public final class JdbcOutboxStore implements OutboxStore {
    private static final String UPDATE = "UPDATE outbox SET key_field = ?, record_key = ?, reason = ?, updated_at = ?,"
            + " times_held = times_held + 1 WHERE target_system = ? AND target_object = ? AND canonical_id = ?";
    private static final String INSERT = "INSERT INTO outbox (target_system, target_object, canonical_id, key_field,"
            + " record_key, reason, held_at, updated_at, times_held) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)";
    private static final String OLDEST = "SELECT target_system, target_object, canonical_id, key_field, record_key,"
            + " reason, held_at, times_held FROM outbox WHERE target_system = ?"
            + " ORDER BY held_at, target_object, canonical_id FETCH FIRST ? ROWS ONLY";
    private static final String DELETE = "DELETE FROM outbox WHERE target_system = ? AND target_object = ?"
            + " AND canonical_id = ? AND times_held = ?";
    private static final String COUNTS = "SELECT target_system, COUNT(*) FROM outbox GROUP BY target_system"
            + " ORDER BY target_system";
    private static final int MAX_INSERT_RACES = 3;

    private final Jdbc jdbc;

    /** A store over the migrated schema reachable through the data source; times come from the clock. */
    public JdbcOutboxStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, clock);
    }

    @Override
    public void hold(String targetSystem, String targetObject, String canonicalId, String keyField, String key,
                     String reason) {
        String operation = "hold a write of " + canonicalId + " to " + targetSystem + " " + targetObject;
        for (int attempt = 1; ; attempt++) {
            var now = jdbc.now();
            if (jdbc.update(operation, UPDATE, keyField, key, reason, now, targetSystem, targetObject, canonicalId) > 0) {
                return;
            }
            try {
                jdbc.update(operation, INSERT, targetSystem, targetObject, canonicalId, keyField, key, reason, now, now);
                return;
            } catch (DuplicateKeyException raced) {
                if (attempt == MAX_INSERT_RACES) {
                    throw raced;
                }
            }
        }
    }

    @Override
    public List<HeldWrite> oldest(String targetSystem, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1..10000, got " + limit);
        }
        return jdbc.queryList("list the outbox of " + targetSystem, OLDEST, JdbcOutboxStore::map, targetSystem, limit);
    }

    @Override
    public boolean remove(HeldWrite seen) {
        return jdbc.update("remove a held write of " + seen.canonicalId() + " to " + seen.targetSystem(), DELETE,
                seen.targetSystem(), seen.targetObject(), seen.canonicalId(), seen.timesHeld()) > 0;
    }

    @Override
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.queryList("count the outboxes", COUNTS, row -> counts.put(row.getString(1), row.getInt(2)));
        return counts;
    }

    private static HeldWrite map(ResultSet row) throws SQLException {
        return new HeldWrite(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), Jdbc.instant(row, "held_at"), row.getInt(8));
    }
}
