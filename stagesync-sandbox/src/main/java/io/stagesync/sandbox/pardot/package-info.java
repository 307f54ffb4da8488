/**
 * A stateful simulator of Account Engagement (Pardot) API v5 for the sandbox: it answers the requests the real
 * Pardot connector sends (prospect and campaign reads with filters and page tokens, prospect update and upsert by
 * e-mail, a minimal OAuth token endpoint, the business unit header checked on every call) in Pardot's shapes and
 * error codes (saas-apis.md §3), and gives the sandbox a thread-safe Java API
 * ({@link io.stagesync.sandbox.pardot.PardotSimulator}) to seed prospects and campaigns and make a marketer's edits.
 *
 * <p>Public: {@code PardotSimulator} and the values it hands out ({@code PardotProspect}, {@code PardotCampaign});
 * the rest is internal. Depends on {@code io.stagesync.sandbox.http} only, not on the other simulators or the
 * sandbox orchestration.
 */
package io.stagesync.sandbox.pardot;
