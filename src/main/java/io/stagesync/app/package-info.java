/**
 * The Camel runtime of the service: {@link io.stagesync.app.StagesyncApplication} starts camel-main with the
 * YAML routes of {@code routes/} and binds the beans they call: the pollers ({@link io.stagesync.app.SyncPoller}),
 * the dead-letter retry ({@link io.stagesync.app.ReferenceWaitRetrier}), the campaign-cost refresh
 * ({@link io.stagesync.app.CampaignCostRefresher}), the heartbeat ({@link io.stagesync.app.SyncStatus}) and the
 * admin beans. {@code ConnectorAssembly} builds the configured connectors on the Camel context, each call under
 * its system's resilience policy; {@link io.stagesync.app.StandaloneEngine} is the engine without routes, for
 * {@code replay} when no service runs; {@link io.stagesync.app.StagePicklistCheck} compares the Salesforce picklists
 * with the stage mappings at start.
 *
 * <p>Promises: the routes only wire, the logic lives in these beans and the packages below them; a failed poll
 * is logged as one line (the same failure at most once per window) and never thrown to its route.
 */
package io.stagesync.app;
