/**
 * The admin HTTP surface: a JSON API over the state store, the connectors' runtime and the funnel KPIs,
 * and the Prometheus metrics, served by camel-main's HTTP server through the REST DSL block of
 * {@code routes/admin.yaml} (platform-http), whose verbs hand over to one {@code direct:} route each.
 *
 * <p>The routes only wire: {@link io.stagesync.admin.AdminAuth} answers 401 unless the bearer token
 * matches, {@link io.stagesync.admin.AdminHttp} turns a request into a call of
 * {@link io.stagesync.admin.AdminApi}, which holds the logic and knows nothing of HTTP or Camel.
 * Parameters and return values are non-null unless their javadoc says "nullable".
 */
package io.stagesync.admin;
