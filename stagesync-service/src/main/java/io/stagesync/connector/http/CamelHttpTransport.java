package io.stagesync.connector.http;

import io.stagesync.connector.CallTimeouts;
import io.stagesync.connector.SystemCallException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one HTTP request through Camel's camel-http component and returns the raw response;
 * knows nothing of any API's semantics. Shared by the camel-http connectors: NetSuite and Account
 * Engagement talk to one base URL, Eloqua to two (login host and pod).
 *
 * <p>One camel-http endpoint per base URL ({@code throwExceptionOnFailure=false}, so every status
 * comes back as a response; {@code copyHeaders=false}, so response headers are the server's and
 * not the request's {@code Authorization}) and one {@link ProducerTemplate} per instance; method,
 * path and query travel in the {@link Exchange#HTTP_METHOD}, {@link Exchange#HTTP_PATH} and
 * {@link Exchange#HTTP_QUERY} headers, never in a new endpoint URI. Apache HttpClient's automatic
 * retries are disabled on that endpoint's client builder (HttpClient 5 would otherwise re-send a
 * 429/503 once by itself, POST included), so the caller's {@link io.stagesync.connector.CallPolicy}
 * is the only retry owner. The endpoint must not have been used by anyone else before: its
 * HttpClient is built on first use.
 *
 * <p>Every request runs under the system's {@link CallTimeouts}: the connect and read (socket idle)
 * timeouts are HttpClient's own, set on the endpoint; the whole-call timeout is a {@link CallDeadline}
 * that closes the connection of a request still running when its time is up. A request abandoned
 * by any of them is logged as one WARN line (system, operation, elapsed time, which timeout) and
 * fails as a retriable {@link SystemCallException} with status 0 and code {@value #TIMEOUT}.
 *
 * <p>At most {@code maxConcurrent} requests run at once (the vendor's concurrency limit); callers
 * block for a permit. Thread-safe. {@link #close()} stops the template, not the Camel context.
 */
public class CamelHttpTransport implements AutoCloseable {
    /** The code of a {@link SystemCallException} for a request abandoned at one of its timeouts. */
    public static final String TIMEOUT = "TIMEOUT";
    private static final Logger LOG = LoggerFactory.getLogger(CamelHttpTransport.class);

    private final String system;
    private final CallTimeouts timeouts;
    private final BiFunction<String, Exception, SystemCallException> transportFailure;

    private final CamelContext camel;
    private final String baseUrl;
    private final Map<String, HttpEndpoint> endpoints = new ConcurrentHashMap<>();
    private final ProducerTemplate template;
    private final Semaphore permits;

    /** One request: method, percent-encoded path (starting with {@code /}), encoded query or null, headers, body or null. */
    public record Request(String method, String path, String query, Map<String, String> headers, byte[] body) {
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            headers = Map.copyOf(headers);
        }
    }

    /** One response: status, headers (names case-insensitive), body as UTF-8 text (empty when none). */
    public record Response(int status, Map<String, String> headers, String body) {
        /** The header's value, or null. */
        public String header(String name) {
            return headers.get(name);
        }
    }

    /**
     * @param camel         a started or starting context with camel-http on the class path
     * @param baseUrl       {@code http(s)://host[:port][/prefix]} without a trailing slash
     * @param maxConcurrent requests run at once, at least 1
     * @param timeouts      how long one request may take (the system's settings)
     * @param system        the system name for failures; its settings' prefix is {@code stagesync.<system>.}
     * @param transportFailure the connector's classifier for a call that got no response
     */
    protected CamelHttpTransport(CamelContext camel, String baseUrl, int maxConcurrent, CallTimeouts timeouts,
                                 String system, BiFunction<String, Exception, SystemCallException> transportFailure) {
        this.camel = Objects.requireNonNull(camel, "camel");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.system = Objects.requireNonNull(system, "system");
        this.transportFailure = Objects.requireNonNull(transportFailure, "transportFailure");
        this.baseUrl = baseUrl;
        if (baseUrl != null) {
            endpoints.put(baseUrl, newEndpoint(baseUrl));
        }
        this.template = camel.createProducerTemplate();
        this.permits = new Semaphore(maxConcurrent, true);
    }

    /**
     * A transport for a system reached on several hosts (Eloqua: its login host and its pod), with no
     * default base URL: every request names its own ({@link #send(String, String, Request)}); one endpoint
     * per base URL, created on first use. The permits count over all hosts.
     */
    protected CamelHttpTransport(CamelContext camel, int maxConcurrent, CallTimeouts timeouts, String system,
                                 BiFunction<String, Exception, SystemCallException> transportFailure) {
        this(camel, null, maxConcurrent, timeouts, system, transportFailure);
    }

    private HttpEndpoint newEndpoint(String url) {
        long connect = timeouts.connect().toMillis();
        long read = timeouts.read().toMillis();
        // connectionRequestTimeout bounds the wait for a pooled connection; the permits keep it short anyway
        HttpEndpoint endpoint = camel.getEndpoint(url + "?throwExceptionOnFailure=false&copyHeaders=false"
                + "&connectTimeout=" + connect + "&connectionRequestTimeout=" + connect
                + "&soTimeout=" + read + "&responseTimeout=" + read, HttpEndpoint.class);
        // Set before the producer builds the client from this builder. One retry owner: the CallPolicy.
        endpoint.getClientBuilder().disableAutomaticRetries();
        endpoint.getClientBuilder().setRequestExecutor(CallDeadline.requestExecutor());
        return endpoint;
    }

    /** The exact URL a request goes to (what request signing signs). */
    public String url(Request request) {
        return baseUrl + request.path() + (request.query() == null ? "" : "?" + request.query());
    }

    /**
     * Sends the request and waits for the response, whatever its status.
     *
     * @param operation names the call in a failure
     * @throws SystemCallException status 0, retriable, when no response came (connection refused
     *     or reset; a timeout, then with code {@value #TIMEOUT}); permanent when the request could
     *     not be built or the thread was interrupted while waiting for a permit
     */
    public Response send(String operation, Request request) {
        if (baseUrl == null) {
            throw new IllegalStateException("this transport has no default base URL: name one per request");
        }
        return send(operation, baseUrl, request);
    }

    /**
     * As {@link #send(String, Request)}, to the given base URL ({@code http(s)://host[:port][/prefix]}
     * without a trailing slash).
     */
    public Response send(String operation, String toBaseUrl, Request request) {
        HttpEndpoint endpoint = endpoints.computeIfAbsent(toBaseUrl, this::newEndpoint);
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SystemCallException(system, operation, 0, null, "interrupted while waiting for a free connection",
                    null, false, null, e);
        }
        Exchange exchange;
        long started = System.nanoTime();
        CallDeadline deadline = CallDeadline.arm(timeouts.call());
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
            deadline.finish();
            permits.release();
        }
        if (exchange.getException() != null) {
            Exception failure = exchange.getException();
            String timedOut = timeoutOf(failure, deadline.expired());
            if (timedOut != null) {
                throw stalled(operation, timedOut, Duration.ofNanos(System.nanoTime() - started), failure);
            }
            throw transportFailure.apply(operation, failure);
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

    /** Which timeout ended the request, as a phrase naming its key, or null when none did. */
    private String timeoutOf(Throwable failure, boolean deadlinePassed) {
        String key = "stagesync." + system + ".";
        if (deadlinePassed) {
            return "no complete answer within the call timeout of " + timeouts.call().toSeconds() + " s ("
                    + key + CallTimeouts.CALL_KEY + ")";
        }
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ConnectTimeoutException) {
                return "no connection within the connect timeout of " + timeouts.connect().toSeconds() + " s ("
                        + key + CallTimeouts.CONNECT_KEY + ")";
            }
            if (t instanceof SocketTimeoutException) {
                return "the connection stayed silent for the read timeout of " + timeouts.read().toSeconds() + " s ("
                        + key + CallTimeouts.READ_KEY + ")";
            }
        }
        return null;
    }

    private SystemCallException stalled(String operation, String timedOut, Duration elapsed, Throwable cause) {
        LOG.warn("{} {} stalled: abandoned after {} ms, {}", system, operation, elapsed.toMillis(), timedOut);
        return new SystemCallException(system, operation, 0, TIMEOUT, "no answer: " + timedOut + "; abandoned after "
                + elapsed.toMillis() + " ms", null, true, null, cause);
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
