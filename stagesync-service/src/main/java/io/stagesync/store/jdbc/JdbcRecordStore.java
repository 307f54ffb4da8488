package io.stagesync.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.stagesync.model.CanonicalRecord;
import io.stagesync.store.RecordStore;
import io.stagesync.store.StaleRecordException;

/**
 * {@link RecordStore} on table {@code canonical_record}, fields and bookkeeping as one JSON object (see
 * {@link StoredRecordJson}).
 * Optimistic concurrency: the insert relies on the primary key, the update on
 * {@code WHERE version = expected}; neither holds a lock beyond its own statement.
 */
public final class JdbcRecordStore implements RecordStore {

    private static final String SELECT = "SELECT id, entity_type, stage, fields, version, updated_at"
            + " FROM canonical_record WHERE id = ?";
    private static final String INSERT = "INSERT INTO canonical_record"
            + " (id, entity_type, stage, fields, version, updated_at) VALUES (?, ?, ?, ?, 1, ?)";
    private static final String UPDATE = "UPDATE canonical_record"
            + " SET entity_type = ?, stage = ?, fields = ?, version = version + 1, updated_at = ?"
            + " WHERE id = ? AND version = ?";
    private static final String COUNT_IN_STAGE =
            "SELECT COUNT(*) FROM canonical_record WHERE entity_type = ? AND stage = ?";
    private static final String COUNT_WITHOUT_STAGE =
            "SELECT COUNT(*) FROM canonical_record WHERE entity_type = ? AND stage IS NULL";

    private static final String PAGE_FIRST = "SELECT id, entity_type, stage, fields, version, updated_at"
            + " FROM canonical_record WHERE entity_type = ? ORDER BY id LIMIT ?";
    private static final String PAGE_AFTER = "SELECT id, entity_type, stage, fields, version, updated_at"
            + " FROM canonical_record WHERE entity_type = ? AND id > ? ORDER BY id LIMIT ?";

    private final Jdbc jdbc;

    /** A store over the migrated schema reachable through the data source; times come from the clock. */
    public JdbcRecordStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, clock);
    }

    @Override
    public Optional<CanonicalRecord> find(String id) {
        return jdbc.queryOne("find record " + id, SELECT, JdbcRecordStore::map, id);
    }

    @Override
    public CanonicalRecord save(CanonicalRecord row) {
        Instant now = jdbc.now();
        String json = StoredRecordJson.write(row.fields(), row.bookkeeping());
        if (row.version() == 0) {
            try {
                jdbc.update("insert record " + row.id(), INSERT, row.id(), row.entityType(), row.stage(), json, now);
            } catch (DuplicateKeyException e) {
                throw new StaleRecordException("Record " + row.id() + " already exists; it was saved with"
                        + " version 0 (new) but someone else created it first");
            }
        } else {
            int updated = jdbc.update("update record " + row.id(), UPDATE,
                    row.entityType(), row.stage(), json, now, row.id(), row.version());
            if (updated == 0) {
                throw new StaleRecordException("Record " + row.id() + " was saved with version " + row.version()
                        + " but the stored record is " + find(row.id()).map(r -> "at version " + r.version())
                        .orElse("gone"));
            }
        }
        StoredRecordJson.Parts saved = StoredRecordJson.readBack(json, row.fields(), row.bookkeeping());
        return new CanonicalRecord(row.id(), row.entityType(), row.stage(), saved.fields(), saved.bookkeeping(),
                row.version() + 1, now);
    }

    @Override
    public long countByStage(String entityType, String stage) {
        String sql = stage == null ? COUNT_WITHOUT_STAGE : COUNT_IN_STAGE;
        Object[] params = stage == null ? new Object[] {entityType} : new Object[] {entityType, stage};
        return jdbc.queryOne("count " + entityType + " records in stage " + stage, sql, r -> r.getLong(1), params)
                .orElse(0L);
    }

    @Override
    public List<CanonicalRecord> page(String entityType, String afterId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return afterId == null
                ? jdbc.queryList("list " + entityType + " records", PAGE_FIRST, JdbcRecordStore::map, entityType, limit)
                : jdbc.queryList("list " + entityType + " records", PAGE_AFTER, JdbcRecordStore::map, entityType,
                        afterId, limit);
    }

    private static CanonicalRecord map(ResultSet row) throws SQLException {
        StoredRecordJson.Parts parts = StoredRecordJson.read(row.getString("fields"));
        return new CanonicalRecord(row.getString("id"), row.getString("entity_type"), row.getString("stage"),
                parts.fields(), parts.bookkeeping(), row.getLong("version"), Jdbc.instant(row, "updated_at"));
    }
}
