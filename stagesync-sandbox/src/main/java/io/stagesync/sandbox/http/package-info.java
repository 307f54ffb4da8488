/**
 * What every vendor simulator of the sandbox stands on: {@link io.stagesync.sandbox.http.SimulatorServer}, a small
 * HTTP server on 127.0.0.1 (ephemeral port) that dispatches {@link io.stagesync.sandbox.http.SimRequest}s to routes
 * by method and path pattern and writes back {@link io.stagesync.sandbox.http.SimResponse}s, one request at a time
 * per server; and {@link io.stagesync.sandbox.http.SimulatorRejectedException}, which a simulator's Java API throws
 * when it refuses a record for the vendor's reasons.
 *
 * <p>Knows no vendor and no sandbox orchestration; the vendor packages and the orchestration depend on it, never
 * the other way round.
 */
package io.stagesync.sandbox.http;
