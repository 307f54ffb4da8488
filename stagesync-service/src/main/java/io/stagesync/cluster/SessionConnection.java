package io.stagesync.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session of an instance's own ({@link SessionConnections}) that holds advisory locks: opened on first use and
 * again after {@link #close}, which (ending the session) lets every lock it held go. Not thread-safe: its owner
 * uses it under its own monitor.
 */
final class SessionConnection {
    private static final Logger LOG = LoggerFactory.getLogger(SessionConnection.class);

    private final SessionConnections sessions;
    private Connection connection;

    SessionConnection(SessionConnections sessions) {
        this.sessions = sessions;
    }

    /** The open connection, opened now when there is none. */
    Connection get() throws SQLException {
        if (connection == null) {
            connection = sessions.open();
        }
        return connection;
    }

    /** Whether a connection is open (its locks may still be held). */
    boolean isOpen() {
        return connection != null;
    }

    /** Closes the connection, if open, which lets its locks go; a failure to close is only logged. */
    void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing {} failed: {}", sessions.url(), e.getMessage());
            }
            connection = null;
        }
    }
}
