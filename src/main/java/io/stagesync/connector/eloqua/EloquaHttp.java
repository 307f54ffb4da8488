package io.stagesync.connector.eloqua;

import io.stagesync.connector.SystemCallException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpEndpoint;

/**
 * Sends one HTTP request to Eloqua through Camel's camel-http component and returns the raw
 * response; knows nothing of Eloqua's semantics.
 *
 * <p>Eloqua is reached on two hosts (the login host for discovery and tokens, the pod's base URL
 * for everything else), so there is one endpoint per base URL, created on first use as
 * {@code <baseUrl>?throwExceptionOnFailure=false&copyHeaders=false} (every status comes back as
 * a response; the response carries only the server's headers, never the request's
 * {@code Authorization}), and one {@link ProducerTemplate} per instance. Method, path and query
 * travel in the {@link Exchange#HTTP_METHOD}, {@link Exchange#HTTP_PATH} and
 * {@link Exchange#HTTP_QUERY} headers, never in a new endpoint URI. Apache HttpClient's automatic
 * retries are disabled on each endpoint's client builder before its client is built (HttpClient
 * 5 would otherwise re-send a 429/503 once by itself, POST included), so the caller's
 * {@link io.stagesync.connector.CallPolicy} is the only retry owner.
 *
 * <p>At most {@code maxConcurrent} requests run at once over all hosts; callers block for a
 * permit. Thread-safe. {@link #close()} stops the template, not the Camel context.
 */
final class EloquaHttp implements AutoCloseable {
    static final String SYSTEM = "eloqua";

    private final CamelContext camel;
    private final Map<String, HttpEndpoint> endpoints = new ConcurrentHashMap<>();
    private final ProducerTemplate template;
    private final Semaphore permits;

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
     */
    EloquaHttp(CamelContext camel, int maxConcurrent) {
        this.camel = Objects.requireNonNull(camel, "camel");
        this.template = camel.createProducerTemplate();
        this.permits = new Semaphore(maxConcurrent, true);
    }

    /**
     * Sends the request and waits for the response, whatever its status.
     *
     * @param operation names the call in a failure
     * @throws SystemCallException status 0, retriable, when no response came (connection refused
     *     or reset, timeout); permanent when the request could not be built or the thread was
     *     interrupted while waiting for a permit
     */
    Response send(String operation, Request request) {
        HttpEndpoint endpoint = endpoints.computeIfAbsent(request.baseUrl(), this::newEndpoint);
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SystemCallException(SYSTEM, operation, 0, null, "interrupted while waiting for a free connection",
                    null, false, null, e);
        }
        Exchange exchange;
        try {
            exchange = template.send(endpoint, ex -> {
                Message in = ex.getIn();
                in.setHeader(Exchange.HTTP_METHOD, request.method());
                in.setHeader(Exchange.HTTP_PATH, request.path());
                if (request.query() != null) {
                    in.setHeader(Exchange.HTTP_QUERY, request.query());
                }
                request.headers().forEach(in::setHeader);
                in.setBody(request.body());
            });
        } finally {
            permits.release();
        }
        if (exchange.getException() != null) {
            throw EloquaErrors.fromTransportFailure(operation, exchange.getException());
        }
        Message out = exchange.getMessage();
        Integer status = out.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        byte[] body = out.getBody(byte[].class);
        Map<String, String> headers = out.getHeaders().entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getKey().startsWith("Camel"))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> headerValue(e.getValue()), (a, b) -> a,
                        () -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER)));
        return new Response(status == null ? 0 : status, headers,
                body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }

    private HttpEndpoint newEndpoint(String baseUrl) {
        HttpEndpoint endpoint = camel.getEndpoint(baseUrl + "?throwExceptionOnFailure=false&copyHeaders=false",
                HttpEndpoint.class);
        // One retry owner: the CallPolicy. Set before the producer builds the client from this builder.
        endpoint.getClientBuilder().disableAutomaticRetries();
        return endpoint;
    }

    private static String headerValue(Object value) {
        return value instanceof List<?> list && !list.isEmpty() ? String.valueOf(list.get(0)) : String.valueOf(value);
    }

    @Override
    public void close() {
        try {
            template.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the producer template", e);
        }
    }
}
