package io.stagesync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.stagesync.store.StoreSettings;
import io.stagesync.testing.TestPostgres;

/**
 * The store contract on PostgreSQL, each test in its own schema {@code stagesync_test_<random>} (dropped
 * afterwards) that both the store and Flyway use through {@code currentSchema}.
 *
 * <p>Runs against {@link TestPostgres}: the server named by {@code STAGESYNC_TEST_PG_URL}, else an embedded
 * PostgreSQL started from the binaries Maven brings. It never skips: a named server that cannot be reached fails
 * every test, so a green build proves the PostgreSQL tests ran.
 */
class PostgresStateStoreTest extends AbstractStateStoreTest {

    private String schema;

    @BeforeAll
    static void serverMustBeRunning() {
        try (Connection connection = TestPostgres.connect()) {
            assertThat(connection.isValid(5)).isTrue();
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is not reachable: " + e.getMessage() + ". Unset STAGESYNC_TEST_PG_URL"
                    + " to use the embedded one. This test fails instead of skipping on purpose.", e);
        }
    }

    @Override
    protected StoreSettings createDatabase() throws SQLException {
        schema = TestPostgres.newSchema();
        return new StoreSettings(TestPostgres.urlFor(schema), TestPostgres.user(), TestPostgres.password(), 10);
    }

    @Override
    protected void dropDatabase() throws SQLException {
        if (schema != null) {
            TestPostgres.dropSchema(schema);
        }
    }

    @Override
    protected StoreSettings unreachableSettings() {
        return new StoreSettings("jdbc:postgresql://127.0.0.1:1/test?connectTimeout=5", TestPostgres.user(), SECRET, 2);
    }

    @Override
    protected String expectedDescription(StoreSettings settings) {
        String hostAndDb = TestPostgres.url().substring("jdbc:postgresql://".length()).replaceFirst("\\?.*", "");
        return "PostgreSQL " + hostAndDb + " (schema " + schema + ")";
    }

    @Test
    void tablesAndFlywayHistoryLiveInTheTestSchema() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = TestPostgres.connect();
             PreparedStatement query = connection.prepareStatement("SELECT table_name FROM information_schema.tables"
                     + " WHERE table_schema = ? ORDER BY table_name")) {
            query.setString(1, schema);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        assertThat(tables).containsExactly("campaign_cost", "canonical_record", "capture_leader", "dead_letter",
                "flyway_schema_history",
                "match_key", "outbox", "recent_write", "stage_history", "stream_position", "sync_warning", "watermark",
                "xref");
    }
}
