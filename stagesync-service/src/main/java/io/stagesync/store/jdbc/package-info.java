/**
 * JDBC implementations of the store interfaces, for H2 2.x and PostgreSQL 15, over one schema migrated by
 * Flyway ({@code db/migration/V*.sql}), assembled and opened as a whole by {@link JdbcStateStore#open}.
 *
 * <p>Only prepared statements with bound parameters; each method borrows a pooled connection and returns
 * it before returning. Implementations hold no mutable state and are safe for concurrent use.
 * Atomicity comes from the database (unique keys, conditional updates, row locks), never from Java locks,
 * so it also holds across processes sharing a PostgreSQL database.
 */
package io.stagesync.store.jdbc;
