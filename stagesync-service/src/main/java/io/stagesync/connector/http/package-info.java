/**
 * The HTTP transport the camel-http connectors (NetSuite, Account Engagement, Eloqua) share:
 * {@link io.stagesync.connector.http.CamelHttpTransport} sends one request through camel-http and returns the raw
 * response, {@link io.stagesync.connector.http.CallDeadline} enforces the whole-call timeout, and
 * {@link io.stagesync.connector.http.HttpFailures} reads the HTTP facts every error classifier needs.
 *
 * <p>Promises: no API semantics here; HttpClient's own retries are off, so the caller's
 * {@link io.stagesync.connector.CallPolicy} is the only retry owner; every request runs under its system's
 * connect, read and call timeouts; request data travels in headers, never in new endpoint URIs (one endpoint per
 * base URL). Thread-safe.
 */
package io.stagesync.connector.http;
