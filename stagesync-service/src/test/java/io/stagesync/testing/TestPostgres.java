package io.stagesync.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL the tests run against, one per JVM: the server named by the environment variable
 * {@code STAGESYNC_TEST_PG_URL} (or the system property {@code stagesync.test.pg.url}; user from
 * {@code STAGESYNC_TEST_PG_USER} / {@code stagesync.test.pg.user}, default {@code postgres}; password from
 * {@code STAGESYNC_TEST_PG_PASSWORD}), else an {@link EmbeddedPostgres} started from the binaries Maven brings
 * and stopped when the JVM exits. So the PostgreSQL tests always run: a named server that cannot be reached
 * fails them, it never skips them.
 *
 * <p>Tests isolate themselves in a schema of their own ({@link #newSchema()}), which both the store and Flyway
 * use through {@code currentSchema}. Thread-safe.
 */
public final class TestPostgres {
    private static final String NAMED_URL = firstSet(System.getenv("STAGESYNC_TEST_PG_URL"),
            System.getProperty("stagesync.test.pg.url"));
    private static final String USER = firstSet(System.getenv("STAGESYNC_TEST_PG_USER"),
            System.getProperty("stagesync.test.pg.user"), "postgres");
    private static final String PASSWORD = System.getenv("STAGESYNC_TEST_PG_PASSWORD");
    private static volatile String url;

    private TestPostgres() {
    }

    /** The JDBC URL of the database the tests use (starts the embedded server on first use). */
    public static String url() {
        String known = url;
        if (known != null) {
            return known;
        }
        synchronized (TestPostgres.class) {
            if (url == null) {
                if (NAMED_URL != null) {
                    url = NAMED_URL;
                } else {
                    EmbeddedPostgres pg = EmbeddedPostgres.start();
                    Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "embedded-postgres-stop"));
                    url = pg.jdbcUrl();
                }
            }
            return url;
        }
    }

    public static String user() {
        return USER;
    }

    /** The password for {@link #user()}, or null (trust authentication). */
    public static String password() {
        return PASSWORD;
    }

    /** Which server this is, for failure messages. */
    public static String describe() {
        return NAMED_URL != null ? "the PostgreSQL server named by STAGESYNC_TEST_PG_URL (" + NAMED_URL + ")"
                : "the embedded PostgreSQL (" + url() + ")";
    }

    /** A new connection to {@link #url()}; the caller closes it. */
    public static Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        if (PASSWORD != null) {
            props.setProperty("password", PASSWORD);
        }
        try {
            return DriverManager.getConnection(url(), props);
        } catch (SQLException e) {
            throw new SQLException("cannot connect to " + describe() + " as " + USER + ": " + e.getMessage(), e);
        }
    }

    /** Creates a new empty schema {@code stagesync_test_<12 hex digits>} and returns its name. */
    public static String newSchema() throws SQLException {
        String schema = "stagesync_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    /** Drops a schema made by {@link #newSchema()} with everything in it. */
    public static void dropSchema(String schema) throws SQLException {
        if (!schema.matches("stagesync_test_[0-9a-f]{12}")) {
            throw new IllegalArgumentException("not a test schema: " + schema);
        }
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** {@link #url()} with {@code currentSchema} set, so Flyway and the store work inside {@code schema}. */
    public static String urlFor(String schema) {
        String base = url();
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** DDL cannot bind identifiers; the schema names reaching here are checked or generated from hex digits. */
    private static void execute(String ddl) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        }
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
