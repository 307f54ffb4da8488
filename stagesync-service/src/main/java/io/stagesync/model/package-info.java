/**
 * Canonical types every layer shares: today the kinds of canonical record ({@link io.stagesync.model.EntityType}:
 * person, account, deal), spelt in lower case in the config files.
 *
 * <p>Pure domain: no Camel, JDBC, HTTP, file or JSON library, and no dependency on the layers above (config,
 * store, app, cli); an ArchUnit test ({@code DomainBoundaryTest}) keeps it so. Immutable and thread-safe.
 */
package io.stagesync.model;
