package io.stagesync.store.jdbc;

import io.stagesync.store.SyncWarning;
import io.stagesync.store.WarningStore;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;

/** {@link WarningStore} on table {@code sync_warning}. */
public final class JdbcWarningStore implements WarningStore {
    private static final String INSERT = "INSERT INTO sync_warning (canonical_id, system_name, object_type, external_id,"
            + " message, created_at) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String RECENT = "SELECT id, canonical_id, system_name, object_type, external_id, message,"
            + " created_at FROM sync_warning ORDER BY created_at DESC, id DESC FETCH FIRST ? ROWS ONLY";

    private final Jdbc jdbc;

    public JdbcWarningStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, clock);
    }

    @Override
    public SyncWarning add(String canonicalId, String system, String objectType, String externalId, String message) {
        var now = jdbc.now();
        jdbc.update("add sync warning", INSERT, canonicalId, system, objectType, externalId, message, now);
        return recent(1).stream().findFirst().orElse(new SyncWarning(0, canonicalId, system, objectType, externalId,
                message, now));
    }

    @Override
    public List<SyncWarning> recent(int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1..10000, got " + limit);
        }
        return jdbc.queryList("list sync warnings", RECENT, row -> new SyncWarning(row.getLong(1), row.getString(2),
                row.getString(3), row.getString(4), row.getString(5), row.getString(6),
                row.getObject(7, OffsetDateTime.class).toInstant()), limit);
    }
}
