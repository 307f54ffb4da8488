package io.stagesync.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.stagesync.store.Watermark;
import io.stagesync.store.WatermarkStore;

/**
 * {@link WatermarkStore} on table {@code watermark}, one row per (system, object type), updated in place.
 *
 * <p>{@link #advance} locks the row ({@code SELECT ... FOR UPDATE}), compares positions in Java and
 * updates only when the new one is ahead. The comparison is deliberately not done in SQL: {@code last_id < ?}
 * would follow the database collation (e.g. en_US orders {@code a} before {@code B}), which differs between
 * H2 and PostgreSQL and from {@link Watermark#POSITION_ORDER}. A missing row is inserted; when a concurrent
 * insert wins the primary key, the attempt is repeated against the row that now exists.
 */
public final class JdbcWatermarkStore implements WatermarkStore {

    private static final String SELECT = "SELECT system_name, object_type, modstamp, last_id FROM watermark"
            + " WHERE system_name = ? AND object_type = ?";
    private static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";
    private static final String SELECT_ALL = "SELECT system_name, object_type, modstamp, last_id FROM watermark"
            + " ORDER BY system_name, object_type";
    private static final String INSERT = "INSERT INTO watermark (system_name, object_type, modstamp, last_id,"
            + " updated_at) VALUES (?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE watermark SET modstamp = ?, last_id = ?, updated_at = ?"
            + " WHERE system_name = ? AND object_type = ?";
    private static final int MAX_INSERT_RACES = 3;

    private final Jdbc jdbc;

    /** A store over the migrated schema reachable through the data source; times come from the clock. */
    public JdbcWatermarkStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, clock);
    }

    @Override
    public Optional<Watermark> get(String system, String objectType) {
        return jdbc.queryOne("read watermark " + system + "/" + objectType, SELECT, JdbcWatermarkStore::map,
                system, objectType);
    }

    @Override
    public boolean advance(Watermark next) {
        Watermark wanted = new Watermark(next.system(), next.objectType(), Jdbc.micros(next.modstamp()),
                next.lastId());
        String operation = "advance watermark " + wanted.system() + "/" + wanted.objectType();
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbc.inTransaction(operation, connection -> advance(connection, wanted));
            } catch (DuplicateKeyException raced) {
                if (attempt == MAX_INSERT_RACES) {
                    throw raced;
                }
            }
        }
    }

    private boolean advance(Connection connection, Watermark wanted) throws SQLException {
        Optional<Watermark> current = Jdbc.queryOne(connection, SELECT_FOR_UPDATE, JdbcWatermarkStore::map,
                wanted.system(), wanted.objectType());
        if (current.isEmpty()) {
            Jdbc.update(connection, INSERT, wanted.system(), wanted.objectType(), wanted.modstamp(),
                    wanted.lastId(), jdbc.now());
            return true;
        }
        if (!wanted.isAfter(current.get())) {
            return false;
        }
        Jdbc.update(connection, UPDATE, wanted.modstamp(), wanted.lastId(), jdbc.now(),
                wanted.system(), wanted.objectType());
        return true;
    }

    @Override
    public List<Watermark> all() {
        return jdbc.queryList("read all watermarks", SELECT_ALL, JdbcWatermarkStore::map);
    }

    private static Watermark map(ResultSet row) throws SQLException {
        return new Watermark(row.getString("system_name"), row.getString("object_type"),
                Jdbc.instant(row, "modstamp"), row.getString("last_id"));
    }
}
