package io.stagesync.cluster;

import io.stagesync.store.StoreException;
import io.stagesync.sync.SharedRecordLocks;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Record locks shared by the instances on one PostgreSQL store: a record's lock is the session advisory lock of
 * {@code record:ID} ({@link AdvisoryLockKey}), taken and let go on one connection of this instance's own (never a
 * pooled one), one call at a time. When that connection fails, PostgreSQL has let every lock it held go; the next
 * call opens a new connection, and a lock this instance believed it held is reported (WARN) when let go. The
 * canonical record's own version check still refuses a write made from a stale read in that window. Thread-safe.
 */
public final class PostgresRecordLocks implements SharedRecordLocks, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRecordLocks.class);

    private final SessionConnections sessions;
    private final SessionConnection connection;

    /** Locks on the store's PostgreSQL (the URL, user and password the store uses; password may be null). */
    public PostgresRecordLocks(String jdbcUrl, String user, String password, String instance) {
        this.sessions = new SessionConnections(jdbcUrl, user, password, "stagesync record locks " + instance,
                "shared record locks");
        this.connection = new SessionConnection(sessions);
    }

    @Override
    public synchronized boolean tryLock(String key) {
        try {
            return call("SELECT pg_try_advisory_lock(?)", key);
        } catch (SQLException first) {
            close();
            try {
                return call("SELECT pg_try_advisory_lock(?)", key);
            } catch (SQLException again) {
                close();
                throw new StoreException("cannot take the shared lock of record " + key + " on " + sessions.url() + ": "
                        + again.getMessage(), again);
            }
        }
    }

    @Override
    public synchronized void unlock(String key) {
        try {
            if (!call("SELECT pg_advisory_unlock(?)", key)) {
                LOG.warn("the shared lock of record {} was not held any more when let go (the lock connection "
                        + "failed meanwhile): another instance may have worked on it at the same time", key);
            }
        } catch (SQLException e) {
            close();
            LOG.warn("letting the shared lock of record {} go failed (the lock connection is closed, which lets "
                    + "it go): {}", key, e.getMessage());
        }
    }

    private boolean call(String sql, String key) throws SQLException {
        try (PreparedStatement statement = connection.get().prepareStatement(sql)) {
            statement.setLong(1, AdvisoryLockKey.of("record:" + key));
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** Closes the connection, which lets every lock it holds go. */
    @Override
    public synchronized void close() {
        connection.close();
    }
}
