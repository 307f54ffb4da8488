package io.stagesync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.stagesync.store.StoreSettings;

/**
 * The store contract on PostgreSQL, each test in its own schema {@code stagesync_test_<random>} (dropped
 * afterwards) that both the store and Flyway use through {@code currentSchema}.
 *
 * <p>Needs the PostgreSQL server on this machine: 127.0.0.1:5432, database test, user postgres, trust auth
 * (CI's .ci/run starts it). Override with {@code -Dstagesync.test.pg.url=...} and
 * {@code -Dstagesync.test.pg.user=...}. Without a server every test <b>fails</b> (never skips), so a green build
 * proves the PostgreSQL tests ran.
 */
class PostgresStateStoreTest extends AbstractStateStoreTest {

    static final String URL = System.getProperty("stagesync.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("stagesync.test.pg.user", "postgres");
    private static final StoreSettings SERVER = new StoreSettings(URL, USER, null, 2);

    private String schema;

    @BeforeAll
    static void serverMustBeRunning() {
        try (Connection connection = connect(SERVER)) {
            assertThat(connection.isValid(5)).isTrue();
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is not reachable at " + URL + " as user " + USER + " ("
                    + e.getMessage() + "). This test needs the server on this machine (CI's .ci/run starts it;"
                    + " or set -Dstagesync.test.pg.url / -Dstagesync.test.pg.user). It fails instead of"
                    + " skipping on purpose.", e);
        }
    }

    @Override
    protected StoreSettings createDatabase() throws SQLException {
        schema = "stagesync_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        String separator = URL.contains("?") ? "&" : "?";
        return new StoreSettings(URL + separator + "currentSchema=" + schema, USER, null, 10);
    }

    @Override
    protected void dropDatabase() throws SQLException {
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** DDL cannot bind identifiers; the schema name is generated above from hex digits only. */
    private static void execute(String ddl) throws SQLException {
        try (Connection connection = connect(SERVER); Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        }
    }

    @Override
    protected StoreSettings unreachableSettings() {
        return new StoreSettings("jdbc:postgresql://127.0.0.1:1/test?connectTimeout=5", USER, SECRET, 2);
    }

    @Override
    protected String expectedDescription(StoreSettings settings) {
        String hostAndDb = URL.substring("jdbc:postgresql://".length()).replaceFirst("\\?.*", "");
        return "PostgreSQL " + hostAndDb + " (schema " + schema + ")";
    }

    @Test
    void tablesAndFlywayHistoryLiveInTheTestSchema() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = connect(SERVER);
             PreparedStatement query = connection.prepareStatement("SELECT table_name FROM information_schema.tables"
                     + " WHERE table_schema = ? ORDER BY table_name")) {
            query.setString(1, schema);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        assertThat(tables).containsExactly("campaign_cost", "canonical_record", "dead_letter", "flyway_schema_history",
                "match_key", "stage_history", "sync_warning", "watermark", "xref");
    }
}
