/**
 * The contract between the sync engine and the systems it talks to, and what every connector shares.
 *
 * <ul>
 * <li>The connector SPI: {@link io.stagesync.connector.ChangeReader} (changes in (modstamp, id) order, paged, resumable
 *     from a {@link io.stagesync.connector.ChangePosition}), {@link io.stagesync.connector.RecordWriter} (upserts and
 *     updates with a {@link io.stagesync.connector.WriteResult} per record), {@link io.stagesync.connector.WriteDialect}
 *     (how a system addresses records and references), {@link io.stagesync.connector.CampaignCostReader}; records travel
 *     as {@link io.stagesync.connector.SystemRecord}s in the system's own field names.</li>
 * <li>Failures: {@link io.stagesync.connector.SystemCallException} carries the remote facts (HTTP status, vendor code,
 *     body excerpt, {@code Retry-After}) and says whether trying again may succeed.</li>
 * <li>Shared pieces: {@link io.stagesync.connector.CallPolicy} (the single retry owner of every call),
 *     {@link io.stagesync.connector.CallTimeouts}, {@link io.stagesync.connector.VendorJson} (bounded JSON reading),
 *     {@link io.stagesync.connector.ConnectorSettingsReader} and {@link io.stagesync.connector.NearestKey} for the
 *     settings classes, {@link io.stagesync.connector.SalesforceId}.</li>
 * <li>How a system plugs in (its settings, its build, its discovery by {@link java.util.ServiceLoader}):
 *     {@link io.stagesync.connector.spi}.</li>
 * </ul>
 *
 * <p>Promises: connectors only translate between a system's API and this SPI; this package and its sub-packages
 * depend on no stagesync package outside {@code connector} (no stage, model, mapping, sync, store, config, app,
 * admin, kpi or sandbox: {@code ConnectorBoundaryTest}). Parameters and return values are non-null unless their
 * javadoc says "nullable".
 */
package io.stagesync.connector;
