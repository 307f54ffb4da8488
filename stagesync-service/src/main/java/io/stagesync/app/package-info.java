/**
 * The Camel runtime of the service: {@link io.stagesync.app.StagesyncApplication} starts camel-main with the
 * YAML routes of {@code routes/} and binds the beans they call: the pollers ({@link io.stagesync.app.SyncPoller}),
 * the dead-letter retry ({@link io.stagesync.app.ReferenceWaitRetrier}), the campaign-cost refresh
 * ({@link io.stagesync.app.CampaignCostRefresher}), the heartbeat ({@link io.stagesync.app.SyncStatus}) and the
 * admin beans. {@code ConnectorAssembly} builds the configured connectors on the Camel context through the
 * connector SPI ({@link io.stagesync.connector.spi}), each call under its system's resilience policy, and one poll
 * route {@code sync-SYSTEM} per connector is made from the route template {@code sync};
 * {@link io.stagesync.app.StandaloneEngine} is the engine without routes, for {@code replay} when no service runs;
 * {@link io.stagesync.app.StagePicklistCheck} compares a system's picklists (Salesforce's) with its stage mappings
 * at start.
 *
 * <p>Promises: the routes only wire, the logic lives in these beans and the packages below them; a failed poll
 * is logged as one line (the same failure at most once per window) and never thrown to its route.
 */
package io.stagesync.app;
