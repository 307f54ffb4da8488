package io.stagesync.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Savepoint;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.stagesync.store.StoreException;

/**
 * The few JDBC moves the stores need: run a prepared statement with bound parameters on a pooled
 * connection (or on a given one, inside {@link #inTransaction}), map rows, wrap {@link SQLException}s in
 * a {@link StoreException} naming the operation (a {@link DuplicateKeyException} for unique violations).
 *
 * <p>Parameters: {@link Instant} is bound as a UTC {@link OffsetDateTime} truncated to microseconds,
 * an enum as its name, null as SQL NULL (VARCHAR), a {@link TypedNull} as NULL of its type, anything else with
 * {@code setObject}. Thread-safe.
 */
final class Jdbc {

    private static final String UNIQUE_VIOLATION = "23505";

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Work done on one connection inside a transaction. */
    @FunctionalInterface
    interface TransactionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A NULL parameter of a given SQL type, for columns PostgreSQL will not fill from a VARCHAR NULL (numbers). */
    record TypedNull(int sqlType) {
    }

    /** The value, or a NULL of the given SQL type when it is null. */
    static Object orNull(Object value, int sqlType) {
        return value == null ? new TypedNull(sqlType) : value;
    }

    /** The connection of the unit of work open on this thread, per data source (see {@link #atomically}). */
    private static final ThreadLocal<Map<DataSource, Connection>> UNITS = ThreadLocal.withInitial(IdentityHashMap::new);
    /**
     * Units open on this thread that the database rolled back as a whole (see {@link #atomically}): whatever ran in
     * them after that must not be committed as if the unit were whole.
     */
    private static final ThreadLocal<java.util.Set<Connection>> BROKEN = ThreadLocal.withInitial(
            () -> java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    /** SQL state of a deadlock or serialization failure; H2 rolls the whole transaction back with it. */
    private static final String TRANSACTION_ROLLED_BACK = "40001";

    private final DataSource dataSource;
    private final Clock clock;

    Jdbc(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Runs {@code work} as one unit of work on this thread: every statement the stores of {@code dataSource} run on
     * this thread meanwhile goes to one connection and commits once, when the work returns, or not at all when it
     * throws (the exception then propagates). Inside a unit already open on this thread it runs under a savepoint:
     * undone alone when it throws, committed with the outer unit.
     * Each statement inside runs under a savepoint, so a statement that fails (e.g. a unique violation a store
     * absorbs) undoes itself only and the unit goes on. A failure the database answers by rolling back the whole
     * transaction (a deadlock on H2, SQL state 40001) or a savepoint that cannot be rolled back to breaks the unit:
     * even when the work absorbs that failure and returns, nothing is committed and a {@link StoreException} is
     * thrown, so the caller redoes the work instead of believing the statements before it were kept.
     */
    static <T> T atomically(DataSource dataSource, Supplier<T> work) {
        Map<DataSource, Connection> units = UNITS.get();
        Connection open = units.get(dataSource);
        if (open != null) {
            return nested(open, work);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            units.put(dataSource, connection);
            try {
                T result = work.get();
                if (BROKEN.get().contains(connection)) {
                    throw new StoreException("Could not commit a unit of work: the database rolled it back as a whole"
                            + " while it ran (a deadlock, or a savepoint it could not return to); nothing of it was"
                            + " kept");
                }
                connection.commit();
                return result;
            } catch (RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } catch (SQLException commitFailed) {
                rollback(connection, commitFailed);
                throw commitFailed;
            } finally {
                units.remove(dataSource);
                BROKEN.get().remove(connection);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("commit a unit of work", e);
        }
    }

    /** A unit inside another: its work under a savepoint, undone alone when it throws, committed with the outer. */
    private static <T> T nested(Connection connection, Supplier<T> work) {
        try {
            return inSavepoint(connection, c -> work.get());
        } catch (SQLException e) {
            throw failure("run a nested unit of work", e);
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** The unit of work's connection on this thread, or null when none is open. */
    private Connection unit() {
        return UNITS.get().get(dataSource);
    }

    /** Runs work (a statement, a nested unit) on the unit's connection under a savepoint: its failure undoes itself. */
    private static <T> T inSavepoint(Connection connection, TransactionWork<T> statement) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            T result = statement.run(connection);
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            if (e instanceof SQLException sql && TRANSACTION_ROLLED_BACK.equals(sql.getSQLState())) {
                BROKEN.get().add(connection);
            }
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollbackFailed) {
                BROKEN.get().add(connection);
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        }
    }

    /** The clock's current instant, truncated to microseconds as stored. */
    Instant now() {
        return micros(clock.instant());
    }

    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    int update(String operation, String sql, Object... params) {
        try {
            Connection unit = unit();
            if (unit != null) {
                return inSavepoint(unit, c -> update(c, sql, params));
            }
            try (Connection connection = dataSource.getConnection()) {
                return update(connection, sql, params);
            }
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    /** Runs an INSERT and returns the generated {@code id} column. */
    long insertReturningId(String operation, String sql, Object... params) {
        try {
            Connection unit = unit();
            if (unit != null) {
                return inSavepoint(unit, c -> insertReturningId(c, operation, sql, params));
            }
            try (Connection connection = dataSource.getConnection()) {
                return insertReturningId(connection, operation, sql, params);
            }
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    private static long insertReturningId(Connection connection, String operation, String sql, Object... params)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql, new String[] {"id"})) {
            bind(statement, params);
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new StoreException("Could not " + operation + ": the database returned no id");
                }
                return keys.getLong(1);
            }
        }
    }

    <T> Optional<T> queryOne(String operation, String sql, RowMapper<T> mapper, Object... params) {
        try {
            Connection unit = unit();
            if (unit != null) {
                return queryOne(unit, sql, mapper, params);
            }
            try (Connection connection = dataSource.getConnection()) {
                return queryOne(connection, sql, mapper, params);
            }
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    <T> List<T> queryList(String operation, String sql, RowMapper<T> mapper, Object... params) {
        try {
            Connection unit = unit();
            if (unit != null) {
                return queryList(unit, sql, mapper, params);
            }
            try (Connection connection = dataSource.getConnection()) {
                return queryList(connection, sql, mapper, params);
            }
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    private static <T> List<T> queryList(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        }
    }

    /**
     * Runs the work in one transaction: commit when it returns, rollback when it throws. Inside a unit of work
     * ({@link #atomically}) it runs on the unit's connection under a savepoint and commits with the unit.
     */
    <T> T inTransaction(String operation, TransactionWork<T> work) {
        Connection unit = unit();
        if (unit != null) {
            try {
                return inSavepoint(unit, work);
            } catch (SQLException e) {
                throw failure(operation, e);
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            return statement.executeUpdate();
        }
    }

    static <T> Optional<T> queryOne(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty();
            }
        }
    }

    static StoreException failure(String operation, SQLException e) {
        String message = "Could not " + operation + ": " + e.getMessage();
        return UNIQUE_VIOLATION.equals(e.getSQLState())
                ? new DuplicateKeyException(message, e)
                : new StoreException(message, e);
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            int index = i + 1;
            if (value == null) {
                statement.setNull(index, Types.VARCHAR);
            } else if (value instanceof TypedNull typed) {
                statement.setNull(index, typed.sqlType());
            } else if (value instanceof Instant instant) {
                statement.setObject(index, OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC));
            } else if (value instanceof Enum<?> constant) {
                statement.setString(index, constant.name());
            } else {
                statement.setObject(index, value);
            }
        }
    }
}
