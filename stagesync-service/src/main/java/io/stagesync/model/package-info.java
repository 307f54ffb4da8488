/**
 * Canonical types every layer shares: the kinds of canonical record ({@link io.stagesync.model.EntityType}:
 * person, account, deal, spelt in lower case in the config files); the canonical record itself
 * ({@link io.stagesync.model.CanonicalRecord}: id, type, stage, canonical fields, version) with the engine's
 * {@link io.stagesync.model.Bookkeeping} kept apart from its fields; and {@link io.stagesync.model.SystemObject},
 * one object type of one connected system.
 *
 * <p>Pure domain: no Camel, JDBC, HTTP, file or JSON library, and no dependency on the layers above (config,
 * store, app, cli); an ArchUnit test ({@code DomainBoundaryTest}) keeps it so. Immutable and thread-safe.
 */
package io.stagesync.model;
