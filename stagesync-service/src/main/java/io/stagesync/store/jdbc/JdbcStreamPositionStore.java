package io.stagesync.store.jdbc;

import io.stagesync.store.StreamPositionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link StreamPositionStore} on table {@code stream_position}. A save is an UPDATE by key and, when it touched no
 * row, an INSERT (portable across H2 and PostgreSQL); one thread saves a given object's position, so the insert
 * races nothing but a second process streaming the same object, which fails with a {@link DuplicateKeyException}.
 */
public final class JdbcStreamPositionStore implements StreamPositionStore {
    private static final String SELECT = "SELECT position FROM stream_position WHERE system_name = ? AND object_type = ?";
    private static final String UPDATE = "UPDATE stream_position SET position = ?, updated_at = ?"
            + " WHERE system_name = ? AND object_type = ?";
    private static final String INSERT = "INSERT INTO stream_position (system_name, object_type, position, updated_at)"
            + " VALUES (?, ?, ?, ?)";
    private static final String DELETE = "DELETE FROM stream_position WHERE system_name = ? AND object_type = ?";

    private final Jdbc jdbc;

    /** A store over the migrated schema reachable through the data source; times come from the clock. */
    public JdbcStreamPositionStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, clock);
    }

    @Override
    public Optional<String> get(String system, String objectType) {
        return jdbc.queryOne("read stream position " + system + "/" + objectType, SELECT, row -> row.getString(1),
                system, objectType);
    }

    @Override
    public void save(String system, String objectType, String position) {
        Instant now = jdbc.now();
        jdbc.inTransaction("save stream position " + system + "/" + objectType, connection -> {
            if (Jdbc.update(connection, UPDATE, position, now, system, objectType) == 0) {
                Jdbc.update(connection, INSERT, system, objectType, position, now);
            }
            return null;
        });
    }

    @Override
    public void forget(String system, String objectType) {
        jdbc.update("forget stream position " + system + "/" + objectType, DELETE, system, objectType);
    }
}
