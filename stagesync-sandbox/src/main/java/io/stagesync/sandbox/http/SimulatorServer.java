package io.stagesync.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server on 127.0.0.1 (ephemeral port) that dispatches requests to routes by method and
 * path pattern; the in-process vendor simulators of the sandbox register their endpoints on one each.
 * An unmatched request gets 404 with a JSON body naming it, so a connector/simulator mismatch is visible
 * in the connector's error and in the log.
 *
 * <p>Threading: requests are served by a pool of worker threads, so calls overlap as they do against a remote
 * API; the handlers themselves still run one at a time per server (under one lock), which keeps simulator state
 * simple. {@link #setLatency} makes every answer late, as a remote API is: the wait happens after the handler,
 * outside that lock, so N calls in flight take one latency, not N (a benchmark measures the caller, not a queue
 * in the simulator).
 */
public final class SimulatorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);
    /** The JDK server's switch for TCP_NODELAY on accepted connections, read once when its config class loads. */
    static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        // the JDK server writes an answer's headers and body separately; without TCP_NODELAY, Nagle holds the body
        // until the client's delayed ACK (~40 ms on Linux), which made every call to a simulator ~40 ms slower than
        // its injected latency and the bench measure that instead of the engine (Pardot leg: 29.8 -> 41.0/s)
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
    }

    private record Route(String method, Pattern path, Function<SimRequest, SimResponse> handler) {
    }

    private record Latency(long minMillis, long maxMillis) {
    }

    /** The name of every worker thread starts with this (e.g. to tell the simulators' CPU time from the caller's). */
    public static final String THREAD_PREFIX = "sim-";
    /** The count key of a request no route matched: the method, a space and this. */
    public static final String UNMATCHED = "(no route)";

    private final String name;
    private final HttpServer server;
    private final ExecutorService workers;
    private final Object handlerLock = new Object();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, LongAdder> requestsByRoute = new ConcurrentHashMap<>();
    /** Nanoseconds the handlers held the handler lock, and callers waited for it, by route key (see count). */
    private final Map<String, LongAdder> heldNanosByRoute = new ConcurrentHashMap<>();
    private final LongAdder waitedNanos = new LongAdder();
    private volatile Latency latency = new Latency(0, 0);
    /** The records a call being served on this thread wrote (see {@link #noteWrite}); null on other threads. */
    private static final ThreadLocal<java.util.Set<String>> WRITTEN_BY_CALL = new ThreadLocal<>();
    /**
     * Per record, how many calls that wrote it are still unanswered; under {@code inFlightLock}, which a handler takes
     * inside the handler lock and an answer alone: an answer must not wait for another call's handler (that lock
     * held while answering made every write's answer wait for the polls' queries and cut a benchmark to a quarter).
     */
    private final Map<String, Integer> writesInFlight = new java.util.HashMap<>();
    private final Object inFlightLock = new Object();
    private final List<String> overlappingWrites = new CopyOnWriteArrayList<>();

    /** System property that makes simulators serve calls concurrently ({@code bench} sets it). */
    public static final String CONCURRENT_PROPERTY = "stagesync.simulators.concurrent";

    /** Binds 127.0.0.1 on a free port; {@link #start()} begins serving. */
    public SimulatorServer(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the " + name + " simulator on 127.0.0.1", e);
        }
        AtomicLong threads = new AtomicLong();
        // as many threads as calls in flight; an idle one lives 10 minutes, so its CPU time stays countable. One
        // worker unless CONCURRENT_PROPERTY is true (bench): the crash test, which builds on these simulators, met a
        // stale value once with concurrent serving and that is not explained yet, so the old behaviour stays default
        int most = Boolean.getBoolean(CONCURRENT_PROPERTY) ? Integer.MAX_VALUE : 1;
        workers = new ThreadPoolExecutor(0, most, 10, TimeUnit.MINUTES,
                most == 1 ? new java.util.concurrent.LinkedBlockingQueue<>() : new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, THREAD_PREFIX + name + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", this::dispatch);
    }

    /**
     * Adds a route. Patterns match the whole decoded path; the first route added that matches wins.
     */
    public SimulatorServer on(String method, String pathRegex, Function<SimRequest, SimResponse> handler) {
        routes.add(new Route(method.toUpperCase(Locale.ROOT), Pattern.compile(pathRegex), handler));
        return this;
    }

    public SimulatorServer start() {
        server.start();
        return this;
    }

    /** e.g. {@code http://127.0.0.1:40123} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Holds every later answer for a random time from {@code min} to {@code max} (inclusive) after its request was
     * handled and before it is sent: what the request changed is already in the simulator's state while the caller
     * still waits, as with a remote API. Only the answering thread waits: other requests are handled meanwhile.
     * {@code ZERO, ZERO} (the default) answers at once.
     *
     * @throws IllegalArgumentException when min is negative or greater than max
     */
    public void setLatency(Duration min, Duration max) {
        if (min.isNegative() || min.compareTo(max) > 0) {
            throw new IllegalArgumentException("latency needs 0 <= min <= max; got " + min + ", " + max);
        }
        latency = new Latency(min.toMillis(), max.toMillis());
    }

    /** Requests answered so far (all routes, including 404s). */
    public long requestCount() {
        return requests.get();
    }

    /**
     * Requests so far by route: key {@code METHOD PATH-REGEX} as the route was added (e.g.
     * {@code GET /services/data/v[0-9.]+/query}), or {@code METHOD }{@value #UNMATCHED}. A snapshot; thread-safe.
     */
    public Map<String, Long> requestCountsByRoute() {
        Map<String, Long> counts = new TreeMap<>();
        requestsByRoute.forEach((key, count) -> counts.put(key, count.sum()));
        return counts;
    }

    /**
     * Notes that the call being served on this thread writes a record ({@code label}: its type and id, e.g.
     * {@code Account 001…}): from its handler until its answer is sent, a second call writing the same record is a
     * write of one record in flight twice ({@link #overlappingWrites}). Does nothing on a thread not serving a call
     * (a test's own edits through the simulator's Java API).
     */
    public static void noteWrite(String label) {
        java.util.Set<String> written = WRITTEN_BY_CALL.get();
        if (written != null) {
            written.add(label);
        }
    }

    /**
     * The records written by two calls at once so far: one call's handler wrote a record while an earlier call that
     * wrote it was still unanswered (its latency not waited out yet), so its caller had sent the second write before
     * it heard of the first. One line per such write, naming the record. Thread-safe snapshot.
     */
    public List<String> overlappingWrites() {
        return List.copyOf(overlappingWrites);
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        SimResponse response;
        java.util.Set<String> written = new java.util.LinkedHashSet<>();
        java.util.Set<String> inFlight = java.util.Set.of();
        WRITTEN_BY_CALL.set(written);
        try {
            SimRequest request = read(exchange);
            long waiting = System.nanoTime();
            synchronized (handlerLock) {
                long holding = System.nanoTime();
                waitedNanos.add(holding - waiting);
                Routed routed = route(request);
                response = routed.response();
                heldNanosByRoute.computeIfAbsent(routed.key(), k -> new LongAdder()).add(System.nanoTime() - holding);
                inFlight = inFlight(written, request);
            }
        } catch (RuntimeException e) {
            LOG.warn("{} simulator failed on {} {}", name, exchange.getRequestMethod(), exchange.getRequestURI(), e);
            response = SimResponse.json(500, "{\"error\": \"simulator failure: " + e.getClass().getSimpleName()
                    + "\"}");
        } finally {
            WRITTEN_BY_CALL.remove();
        }
        try {
            delay();
        } finally {
            // before the answer goes out: once the caller hears of this write it may send the next one at once
            answered(inFlight);
        }
        write(exchange, response);
    }

    /** Counts the records a call wrote as in flight, noting each written twice at once; @return them */
    private java.util.Set<String> inFlight(java.util.Set<String> written, SimRequest request) {
        synchronized (inFlightLock) {
            for (String record : written) {
                if (writesInFlight.merge(record, 1, Integer::sum) > 1) {
                    overlappingWrites.add(name + " " + record + " written by " + request.method() + " "
                            + request.path() + " while an earlier write of it was unanswered");
                }
            }
        }
        return written;
    }

    /** Lets the records a call wrote go: its answer is about to be sent. */
    private void answered(java.util.Set<String> inFlight) {
        if (inFlight.isEmpty()) {
            return;
        }
        synchronized (inFlightLock) {
            inFlight.forEach(record -> writesInFlight.computeIfPresent(record, (k, n) -> n == 1 ? null : n - 1));
        }
    }

    private void delay() {
        Latency now = latency;
        if (now.maxMillis() == 0) {
            return;
        }
        try {
            Thread.sleep(now.minMillis() + ThreadLocalRandom.current().nextLong(now.maxMillis() - now.minMillis() + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A request's answer and the key of the route that gave it (method and path pattern). */
    private record Routed(String key, SimResponse response) {
    }

    private Routed route(SimRequest request) {
        for (Route route : routes) {
            if (!route.method().equals(request.method())) {
                continue;
            }
            Matcher matcher = route.path().matcher(request.path());
            if (matcher.matches()) {
                String key = route.method() + " " + route.path().pattern();
                count(key);
                return new Routed(key, route.handler().apply(request.withGroups(matcher)));
            }
        }
        String key = request.method() + " " + UNMATCHED;
        count(key);
        LOG.warn("{} simulator has no route for {} {}", name, request.method(), request.path());
        return new Routed(key, SimResponse.json(404, "{\"error\": \"the " + name + " simulator does not serve "
                + request.method() + " " + request.path() + "\"}"));
    }

    private void count(String key) {
        requestsByRoute.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static SimRequest read(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        return new SimRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), exchange.getRequestURI().getPath(),
                SimRequest.parseQuery(exchange.getRequestURI().getRawQuery()), headers, body, List.of());
    }

    private static void write(HttpExchange exchange, SimResponse response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        boolean noBody = bytes.length == 0 || response.status() == 204 || response.status() == 304;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        if (LOG.isDebugEnabled()) {
            Map<String, Long> held = new TreeMap<>();
            heldNanosByRoute.forEach((route, nanos) -> held.put(route, nanos.sum() / 1_000_000));
            LOG.debug("{} simulator: {} requests; callers waited {} ms in all for the handler lock; handlers held it"
                    + " (ms by route): {}", name, requests.get(), waitedNanos.sum() / 1_000_000,
                    held);
        }
        server.stop(0);
        workers.shutdownNow();
    }
}
