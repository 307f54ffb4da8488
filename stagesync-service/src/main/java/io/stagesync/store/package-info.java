/**
 * Durable state of stagesync behind small interfaces: identity map ({@link io.stagesync.store.XrefStore}),
 * canonical records, watermarks, stage history, dead letters and the per-target outboxes, held together by
 * {@link io.stagesync.store.StateStore} (an interface: {@code store.jdbc.JdbcStateStore} opens one on a database,
 * so this package depends on no implementation).
 *
 * <p>Parameters and return values are non-null unless their javadoc says "nullable". Instants are
 * stored at microsecond precision: values are truncated to micros on write, so what comes back equals
 * {@code instant.truncatedTo(ChronoUnit.MICROS)}. Every store is safe for concurrent use by many threads.
 * Failures of the database itself surface as {@link io.stagesync.store.StoreException}.
 *
 * <p>This package and its sub-packages must not depend on Apache Camel.
 */
package io.stagesync.store;
