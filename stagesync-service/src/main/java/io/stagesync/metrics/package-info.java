/**
 * Operational metrics of stagesync on Micrometer, rendered for Prometheus: the {@link
 * io.stagesync.metrics.SyncMetrics} facade the poller and the engine call, the gauges it reads from the
 * state store and the connectors' runtime ({@link io.stagesync.metrics.ConnectorRuntime}), and the
 * call-counting wrapper of a connector's call policy.
 *
 * <p>No Camel here: the admin routes render {@link io.stagesync.metrics.SyncMetrics#scrape()}. Parameters
 * and return values are non-null unless their javadoc says "nullable".
 */
package io.stagesync.metrics;
