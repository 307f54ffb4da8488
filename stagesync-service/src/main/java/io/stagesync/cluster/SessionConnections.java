package io.stagesync.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens connections of their own (never pooled: a pool recycling one would drop its session's advisory locks) to
 * the store's PostgreSQL, named in {@code pg_stat_activity} by their application name, with TCP keep-alive on both
 * sides (the server probes every 2 s after 5 s idle, 3 probes) so a dead peer's session and locks end in seconds, and
 * a 30 s socket timeout so a half-open connection does not hang a caller.
 */
final class SessionConnections {
    private final String jdbcUrl;
    private final Properties properties = new Properties();

    /**
     * @param what what the sessions are for, e.g. {@code shared record locks}, for the error
     * @throws IllegalArgumentException when the URL is not PostgreSQL's
     */
    SessionConnections(String jdbcUrl, String user, String password, String applicationName, String what) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(what + " need the store on PostgreSQL, not " + jdbcUrl);
        }
        this.jdbcUrl = jdbcUrl;
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("tcpKeepAlive", "true");
        // a host that died or was cut off must lose its locks in seconds, not after the OS's two-hour keep-alive:
        // the server probes the session every few seconds; a client call waits at most 30 s
        properties.setProperty("options", "-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 "
                + "-c tcp_keepalives_count=3");
        properties.setProperty("socketTimeout", "30");
    }

    Connection open() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    String url() {
        return jdbcUrl;
    }
}
