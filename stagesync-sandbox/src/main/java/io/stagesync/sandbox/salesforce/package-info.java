/**
 * A stateful simulator of a Salesforce org for the sandbox: it answers the requests the real camel-salesforce
 * connector sends (OAuth token and revoke, SOQL queries with paging, sObject Collections create/update/upsert) in
 * Salesforce's shapes, status codes and error codes (saas-apis.md §1), and gives the sandbox a thread-safe Java API
 * ({@link io.stagesync.sandbox.salesforce.SalesforceSimulator}) to seed records and make a user's edits.
 *
 * <p>{@code SalesforceSimulator} is the entry point; the rest is internal to the simulator.
 * Depends on {@code io.stagesync.sandbox.http} and {@code io.stagesync.sandbox.query} only, not on the other
 * simulators or the sandbox orchestration.
 */
package io.stagesync.sandbox.salesforce;
