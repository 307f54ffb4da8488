/**
 * A stateful simulator of Oracle Eloqua for the sandbox: it answers the requests the real Eloqua connector sends
 * (base-URL discovery, the Application API for contacts, accounts and campaigns, Bulk API 2.0 lead-score exports,
 * Basic auth checked on every call) in Eloqua's shapes (saas-apis.md §2), and gives the sandbox a thread-safe Java
 * API ({@link io.stagesync.sandbox.eloqua.EloquaSimulator}) to seed contacts, accounts, campaigns and lead scores
 * and make changes as Eloqua's users would.
 *
 * <p>Public: {@code EloquaSimulator} and the values it hands out ({@code EloquaContact}, {@code EloquaAccount},
 * {@code EloquaCampaign}, {@code EloquaLeadScore}); the rest is internal. Depends on {@code io.stagesync.sandbox.http}
 * only, not on the other simulators or the sandbox orchestration.
 */
package io.stagesync.sandbox.eloqua;
