package io.stagesync.connector.eloqua;

import io.stagesync.connector.CallTimeouts;
import io.stagesync.connector.http.CamelHttpTransport;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.camel.CamelContext;

/**
 * Sends one HTTP request to Eloqua and returns the raw response; knows nothing of Eloqua's semantics.
 * Eloqua is reached on two hosts (the login host for discovery and tokens, the pod's base URL for
 * everything else), so each request names its base URL; the sending itself is the shared
 * {@link CamelHttpTransport} (one camel-http endpoint per base URL, HttpClient retries off, at most
 * {@code maxConcurrent} requests at once over all hosts). Thread-safe. {@link #close()} stops the
 * template, not the Camel context.
 */
final class EloquaHttp implements AutoCloseable {
    static final String SYSTEM = "eloqua";

    private final Transport transport;

    /**
     * One request.
     *
     * @param method  HTTP method, upper-case
     * @param baseUrl {@code http(s)://host[:port][/prefix]} without a trailing slash
     * @param path    percent-encoded path starting with {@code /}
     * @param query   encoded query without {@code ?}, or null
     * @param headers request headers (e.g. {@code Authorization}, {@code Content-Type})
     * @param body    the body, or null
     */
    record Request(String method, String baseUrl, String path, String query, Map<String, String> headers, byte[] body) {
        Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(path, "path");
            headers = Map.copyOf(headers);
        }

        /** The same request with one more header. */
        Request withHeader(String name, String value) {
            Map<String, String> more = new TreeMap<>(headers);
            more.put(name, value);
            return new Request(method, baseUrl, path, query, more, body);
        }

        /** The same request sent to another base URL. */
        Request at(String otherBaseUrl) {
            return new Request(method, otherBaseUrl, path, query, headers, body);
        }
    }

    /** One response: status, headers (names case-insensitive), body as UTF-8 text (empty when none). */
    record Response(int status, Map<String, String> headers, String body) {
        /** The header's value, or null. */
        String header(String name) {
            return headers.get(name);
        }
    }

    /**
     * @param camel         a started or starting context with camel-http on the class path
     * @param maxConcurrent requests run at once, at least 1
     * @param timeouts      how long one request may take
     */
    EloquaHttp(CamelContext camel, int maxConcurrent, CallTimeouts timeouts) {
        this.transport = new Transport(Objects.requireNonNull(camel, "camel"), maxConcurrent, timeouts);
    }

    /**
     * Sends the request and waits for the response, whatever its status.
     *
     * @param operation names the call in a failure
     * @throws io.stagesync.connector.SystemCallException status 0, retriable, when no response came
     *     (connection refused or reset, timeout); permanent when the request could not be built or the
     *     thread was interrupted while waiting for a permit
     */
    Response send(String operation, Request request) {
        CamelHttpTransport.Response response = transport.send(operation, request.baseUrl(),
                new CamelHttpTransport.Request(request.method(), request.path(), request.query(), request.headers(),
                        request.body()));
        return new Response(response.status(), response.headers(), response.body());
    }

    @Override
    public void close() {
        transport.close();
    }

    private static final class Transport extends CamelHttpTransport {
        Transport(CamelContext camel, int maxConcurrent, CallTimeouts timeouts) {
            super(camel, maxConcurrent, timeouts, SYSTEM, EloquaErrors::fromTransportFailure);
        }
    }
}
