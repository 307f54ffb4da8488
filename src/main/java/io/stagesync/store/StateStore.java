package io.stagesync.store;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.stagesync.store.jdbc.JdbcCampaignCostStore;
import io.stagesync.store.jdbc.JdbcDeadLetterStore;
import io.stagesync.store.jdbc.JdbcRecordStore;
import io.stagesync.store.jdbc.JdbcStageHistoryStore;
import io.stagesync.store.jdbc.JdbcWatermarkStore;
import io.stagesync.store.jdbc.JdbcMatchKeyStore;
import io.stagesync.store.jdbc.JdbcWarningStore;
import io.stagesync.store.jdbc.JdbcXrefStore;

/**
 * The state of stagesync, opened as a whole: a connection pool (HikariCP) on one database whose schema
 * Flyway migrates to the latest version on {@link #open}, and the five stores on top of it.
 *
 * <p>Opening is idempotent: opening an already migrated database (again, or from several processes sharing
 * a PostgreSQL database) applies nothing and keeps the data. The stores are thread-safe and usable until
 * {@link #close()}, which closes the pool; afterwards every store call fails with a {@link StoreException}.
 */
public final class StateStore implements AutoCloseable {

    private static final String POOL_NAME = "stagesync-store";
    private static final String H2_DATABASE_IN_USE = "90020";

    private final StoreSettings settings;
    private final HikariDataSource dataSource;
    private final String schemaVersion;
    private final XrefStore xrefs;
    private final RecordStore records;
    private final WatermarkStore watermarks;
    private final StageHistoryStore stageHistory;
    private final DeadLetterStore deadLetters;
    private final MatchKeyStore matchKeys;
    private final WarningStore warnings;
    private final CampaignCostStore campaignCosts;

    private StateStore(StoreSettings settings, HikariDataSource dataSource, String schemaVersion, Clock clock) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.schemaVersion = schemaVersion;
        this.xrefs = new JdbcXrefStore(dataSource, clock);
        this.records = new JdbcRecordStore(dataSource, clock);
        this.watermarks = new JdbcWatermarkStore(dataSource, clock);
        this.stageHistory = new JdbcStageHistoryStore(dataSource);
        this.deadLetters = new JdbcDeadLetterStore(dataSource, clock);
        this.matchKeys = new JdbcMatchKeyStore(dataSource, clock);
        this.warnings = new JdbcWarningStore(dataSource, clock);
        this.campaignCosts = new JdbcCampaignCostStore(dataSource, clock);
    }

    /** Opens the store with the system UTC clock. See {@link #open(StoreSettings, Clock)}. */
    public static StateStore open(StoreSettings settings) {
        return open(settings, Clock.systemUTC());
    }

    /**
     * Connects, migrates the schema and returns the open store; the caller must {@link #close()} it.
     *
     * @param clock source of the updatedAt/createdAt times the stores set
     * @throws StoreException when the database cannot be reached or migrated; the message names the URL
     *                        (password removed) and the cause's message
     */
    public static StateStore open(StoreSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        HikariDataSource dataSource = connect(settings);
        try {
            return new StateStore(settings, dataSource, migrate(settings, dataSource), clock);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static HikariDataSource connect(StoreSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(settings.connectionUrl());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("Cannot connect to the state store at " + settings.redactedUrl() + ": "
                    + explain(e), e);
        }
    }

    private static String migrate(StoreSettings settings, HikariDataSource dataSource) {
        try {
            Flyway flyway = Flyway.configure(StateStore.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load();
            flyway.migrate();
            MigrationInfo current = flyway.info().current();
            return current == null ? "none" : current.getVersion().getVersion();
        } catch (FlywayException e) {
            throw new StoreException("Cannot migrate the state store at " + settings.redactedUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The most telling message in the cause chain: the first SQLException's, else the innermost one's. */
    private static String explain(Throwable failure) {
        Throwable innermost = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String hint = H2_DATABASE_IN_USE.equals(sql.getSQLState())
                        ? " (is another stagesync process using this data directory?)"
                        : "";
                return sql.getMessage() + hint;
            }
            innermost = t;
        }
        return innermost.getMessage();
    }

    /** Marketing campaigns' costs, for campaign ROI. */
    public CampaignCostStore campaignCosts() {
        return campaignCosts;
    }

    /** Warnings about decisions taken by rule. */
    public WarningStore warnings() {
        return warnings;
    }

    /** Identifying values (email, domain, name) for matching records across systems. */
    public MatchKeyStore matchKeys() {
        return matchKeys;
    }

    public XrefStore xrefs() {
        return xrefs;
    }

    public RecordStore records() {
        return records;
    }

    public WatermarkStore watermarks() {
        return watermarks;
    }

    public StageHistoryStore stageHistory() {
        return stageHistory;
    }

    public DeadLetterStore deadLetters() {
        return deadLetters;
    }

    /** The settings it was opened with (their toString masks the password). */
    public StoreSettings settings() {
        return settings;
    }

    /** E.g. {@code H2 file /srv/stagesync/data/stagesync} or {@code PostgreSQL 127.0.0.1:5432/test}; no credentials. */
    public String describe() {
        return settings.describe();
    }

    /** The schema version after migration, e.g. {@code 1}. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** Closes the connection pool. Idempotent. */
    @Override
    public void close() {
        dataSource.close();
    }
}
