package io.stagesync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.stagesync.model.CanonicalRecord;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreException;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.Watermark;

/**
 * The store contract for one database: every contract interface's tests plus opening, migrating and
 * failing to connect. Each test gets a fresh, empty database from {@link #createDatabase()}.
 * Subclasses: one per supported database.
 */
abstract class AbstractStateStoreTest implements XrefStoreContract, RecordStoreContract, WatermarkStoreContract,
        StageHistoryStoreContract, DeadLetterStoreContract, MatchKeyStoreContract,
        WarningStoreContract, CampaignCostStoreContract, OutboxStoreContract, UnitOfWorkContract {

    protected static final String SECRET = "s3cret-do-not-log";

    private StoreSettings settings;
    private StateStore store;

    /** A fresh, empty database for one test, as settings for {@link StateStore#open}. */
    protected abstract StoreSettings createDatabase() throws Exception;

    /** Removes what {@link #createDatabase()} made; called after the store is closed. */
    protected abstract void dropDatabase() throws Exception;

    /** Settings that cannot connect, carrying {@link #SECRET} as the password. */
    protected abstract StoreSettings unreachableSettings();

    /** What {@link StateStore#describe()} says for {@code settings}. */
    protected abstract String expectedDescription(StoreSettings settings);

    @BeforeEach
    final void openStore() throws Exception {
        settings = createDatabase();
        store = JdbcStateStore.open(settings);
    }

    @AfterEach
    final void closeStore() throws Exception {
        if (store != null) {
            store.close();
        }
        dropDatabase();
    }

    @Override
    public StateStore store() {
        return store;
    }

    protected StoreSettings settings() {
        return settings;
    }

    /** A plain JDBC connection to the test database, outside the store's pool. */
    protected static Connection connect(StoreSettings target) throws SQLException {
        Properties credentials = new Properties();
        if (target.username() != null) {
            credentials.setProperty("user", target.username());
        }
        if (target.password() != null) {
            credentials.setProperty("password", target.password());
        }
        return DriverManager.getConnection(target.jdbcUrl(), credentials);
    }

    @Test
    void reopeningMigratesNothingAndKeepsTheData() throws Exception {
        store.records().save(CanonicalRecord.newRecord("p-1", "person", "MQL", Map.of("score", 55)));
        store.watermarks().advance(new Watermark("salesforce", "Lead", T0, "00Q1"));
        store.close();

        store = JdbcStateStore.open(settings);
        store.close();
        store = JdbcStateStore.open(settings);

        assertThat(store.schemaVersion()).isEqualTo("12");
        assertThat(store.records().find("p-1").orElseThrow().fields()).containsEntry("score", 55L);
        assertThat(store.watermarks().get("salesforce", "Lead")).contains(new Watermark("salesforce", "Lead", T0, "00Q1"));
        try (Connection connection = connect(settings);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL"
                             + " ORDER BY \"installed_rank\"")) {
            for (String version : new String[] {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(version);
                assertThat(rows.getBoolean(2)).isTrue();
            }
            assertThat(rows.next()).as("each migration applied exactly once").isFalse();
        }
    }

    @Test
    void aLeadIsCaughtUpOnlyInTheEpochWhoseLeaderSaidSo() {
        assertThat(store.leaderEpochs().caughtUp("capture-netsuite")).as("no one leads").isFalse();
        long first = store.leaderEpochs().take("capture-netsuite", "instance-a");
        assertThat(store.leaderEpochs().caughtUp("capture-netsuite")).isFalse();
        store.leaderEpochs().caughtUp("capture-netsuite", first);
        assertThat(store.leaderEpochs().caughtUp("capture-netsuite")).isTrue();
        assertThat(store.leaderEpochs().caughtUp("capture-salesforce")).isFalse();

        long second = store.leaderEpochs().take("capture-netsuite", "instance-b");
        assertThat(store.leaderEpochs().caughtUp("capture-netsuite")).as("a new lead reads again first").isFalse();
        store.leaderEpochs().caughtUp("capture-netsuite", first);
        assertThat(store.leaderEpochs().caughtUp("capture-netsuite")).as("a deposed leader's word").isFalse();
        store.leaderEpochs().caughtUp("capture-netsuite", second);
        assertThat(store.leaderEpochs().caughtUp("capture-netsuite")).isTrue();
    }

    @Test
    void recentWritesAreOrderedByPositionReadBackPerRecordAndForgottenByAge() {
        long start = store.recentWrites().position();
        long first = store.recentWrites().append("a-1", "netsuite", "customer", Map.of("phone", ""),
                Map.of("phone", "+1 555 0100", "amount", 24000.5, "employees", 12L));
        store.recentWrites().append("a-2", "netsuite", "customer", Map.of("phone", "x"), Map.of("phone", "y"));
        long later = store.recentWrites().position();
        store.recentWrites().append("a-1", "netsuite", "customer", Map.of("phone", "+1 555 0100"),
                Map.of("phone", "+1 555 0199"));

        assertThat(first).isGreaterThan(start);
        assertThat(store.recentWrites().since("a-1", "netsuite", "customer", start))
                .extracting(io.stagesync.store.RecentWriteStore.RecentWrite::written)
                .containsExactly(Map.of("phone", "+1 555 0100", "amount", 24000.5, "employees", 12L),
                        Map.of("phone", "+1 555 0199"));
        assertThat(store.recentWrites().since("a-1", "netsuite", "customer", later)).singleElement()
                .satisfies(w -> assertThat(w.before()).isEqualTo(Map.of("phone", "+1 555 0100")));
        assertThat(store.recentWrites().since("a-1", "salesforce", "Account", start)).isEmpty();

        assertThat(store.recentWrites().forgetBefore(Instant.now().minusSeconds(600))).isZero();
        assertThat(store.recentWrites().forgetBefore(Instant.now().plusSeconds(1))).isEqualTo(3);
        assertThat(store.recentWrites().since("a-1", "netsuite", "customer", start)).isEmpty();
    }

    @Test
    void aDeletionOrMergeInItsSystemIsKeptInTheHistoryBesideTheGatesDecisions() {
        for (io.stagesync.store.StageHistoryEntry.Outcome outcome : io.stagesync.store.StageHistoryEntry.Outcome.values()) {
            store.stageHistory().append(new io.stagesync.store.StageHistoryEntry(0, "a-1", "account", "CUSTOMER",
                    "CUSTOMER", outcome, null, "salesforce", java.util.List.of(), java.util.List.of(),
                    java.util.List.of("salesforce Account 001 " + outcome), T0));
        }

        assertThat(store.stageHistory().forRecord("a-1")).extracting(io.stagesync.store.StageHistoryEntry::outcome)
                .containsExactly(io.stagesync.store.StageHistoryEntry.Outcome.values());
    }

    @Test
    void aStreamPositionIsStoredPerObjectReplacedForgottenAndKeptAcrossAReopen() {
        assertThat(store.streamPositions().get("salesforce", "Account")).isEmpty();
        store.streamPositions().save("salesforce", "Account", "AAAAAAAAAAE=");
        store.streamPositions().save("salesforce", "Account", "AAAAAAAAAAI+/w==");
        store.streamPositions().save("salesforce", "Lead", "AAAAAAAAAAM=");
        store.streamPositions().forget("salesforce", "Lead");
        store.streamPositions().forget("salesforce", "Opportunity");
        store.close();
        store = JdbcStateStore.open(settings);

        assertThat(store.streamPositions().get("salesforce", "Account")).contains("AAAAAAAAAAI+/w==");
        assertThat(store.streamPositions().get("salesforce", "Lead")).isEmpty();
        assertThat(store.streamPositions().get("netsuite", "Account")).isEmpty();
    }

    @Test
    void describesTheDatabaseWithoutCredentials() {
        assertThat(store.describe()).isEqualTo(expectedDescription(settings));
    }

    @Test
    void anUnreachableDatabaseIsAStoreExceptionNamingTheUrlButNotThePassword() {
        StoreSettings unreachable = unreachableSettings();

        assertThatThrownBy(() -> JdbcStateStore.open(unreachable))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(unreachable.redactedUrl())
                .message().doesNotContain(SECRET);
    }

    @Test
    void aClosedStoreFailsWithAStoreException() {
        store.close();

        assertThatThrownBy(() -> store.records().find("p-1"))
                .isInstanceOf(StoreException.class).hasMessageContaining("find record p-1");
    }
}
