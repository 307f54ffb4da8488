/**
 * A stateful simulator of a NetSuite account for the sandbox: it answers the requests the real NetSuite connector
 * sends (SuiteQL queries with paging, REST record create/upsert/update/read, token-based authentication checked on
 * every call) in NetSuite's shapes and error codes, and gives the sandbox a thread-safe Java API
 * ({@link io.stagesync.sandbox.netsuite.NetSuiteSimulator}) to seed records and make Finance's edits.
 *
 * <p>Only {@code NetSuiteSimulator} is public; the rest is internal. Depends on {@code io.stagesync.sandbox.http}
 * and {@code io.stagesync.sandbox.query} only, not on the other simulators or the sandbox orchestration.
 */
package io.stagesync.sandbox.netsuite;
