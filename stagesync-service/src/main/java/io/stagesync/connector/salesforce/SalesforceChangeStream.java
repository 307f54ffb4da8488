package io.stagesync.connector.salesforce;

import io.stagesync.connector.ChangeStream;
import io.stagesync.connector.StreamedChange;
import io.stagesync.connector.SystemCallException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.Service;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.InvalidReplayIdException;
import org.apache.camel.component.salesforce.PubSubApiConsumer;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceConstants;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salesforce Change Data Capture through the real camel-salesforce Pub/Sub consumer ({@code pubSubSubscribe}), one
 * route per streamed object on its channel {@code /data/<Object>ChangeEvent} ({@code /data/<Name>__ChangeEvent} for
 * a custom object), on a component of its own ({@value #COMPONENT_NAME}), added when the first object is opened:
 * the consumer refuses lazy login, so it logs in then, not when the service starts.
 *
 * <p>How positions behave (camel-salesforce keeps its own position in memory and moves on whatever a route does):
 * <ul>
 *   <li>A route's events go, in order, into the subscription's buffer ({@value #BUFFERED} at most: a full buffer
 *       holds the gRPC thread, and flow control holds Salesforce); one thread per subscription hands the sink what
 *       is buffered, up to {@value #BATCH} changes at once, so a burst costs one read per batch, not per event.</li>
 *   <li>When the sink refuses a batch, the same batch is offered again after a pause (5 s, doubling up to a
 *       minute) until it is accepted or the subscription ends, holding back the later ones: nothing refused is
 *       skipped, nothing is applied out of order. The object is not {@link #delivering} meanwhile (it is polled).</li>
 *   <li>Without a position (the first subscription), or when Salesforce refuses it ({@code INVALID_ARGUMENT},
 *       {@code sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted}, e.g. older than the 72 hours it
 *       keeps events; Camel reports it as {@link InvalidReplayIdException} and would retry it forever), a route from
 *       the oldest event kept ({@code EARLIEST}) is started first, then {@link Sink#catchUp} runs while its
 *       deliveries wait; events committed before the newest {@code SystemModstamp} the catch-up read are then
 *       skipped unread (it read them; both times are Salesforce's clock). Subscribing before catching up leaves no
 *       window in which a change could be neither read nor delivered.</li>
 *   <li>camel-salesforce 4.18 resubscribes a consumer after every stream error, also after its route was removed
 *       (then forever, on a shut channel, with growing pauses). It calls the route's exception handler only for a
 *       refused replay id (and an event it could not hand over); there the handler ends the loop by throwing, for a
 *       route no longer current and for a refused position (the route is being replaced). A route removed while
 *       camel retries a network error keeps one such loop until the JVM ends. Network and login failures of a
 *       subscription are retried by camel without telling anyone: {@link #pollEvery} bounds what they delay.</li>
 * </ul>
 * Thread-safe.
 */
public final class SalesforceChangeStream implements ChangeStream {
    /** The name of the component the subscriptions use. */
    public static final String COMPONENT_NAME = "salesforce-cdc";
    /** Changes handed to the sink at once at most. */
    static final int BATCH = 200;
    /** Changes a subscription holds before the gRPC thread waits. */
    static final int BUFFERED = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceChangeStream.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(5);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);
    /** At most one warning per subscription this often for failures camel-salesforce retries itself. */
    private static final long FAILURE_LOG_NANOS = Duration.ofSeconds(30).toNanos();

    private final CamelContext camel;
    private final SalesforceSettings settings;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reopener;
    private final AtomicInteger generation = new AtomicInteger();
    private SalesforceComponent component;
    private boolean plaintextStrategyAdded;

    public SalesforceChangeStream(CamelContext camel, SalesforceSettings settings) {
        this.camel = Objects.requireNonNull(camel, "camel");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.reopener = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "salesforce-cdc");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Set<String> objects() {
        return settings.cdcObjects();
    }

    /** The Pub/Sub channel of an object's change events. */
    static String channel(String object) {
        String base = object.endsWith("__c") ? object.substring(0, object.length() - 1) : object;
        return "/data/" + base + "ChangeEvent";
    }

    @Override
    public synchronized void open(String object, Optional<String> after, Sink sink) {
        if (!settings.cdcObjects().contains(object)) {
            throw new IllegalArgumentException("Salesforce object " + object + " is not configured for Change Data"
                    + " Capture (" + SalesforceSettings.KEY_CDC_OBJECTS + ": " + settings.cdcObjects() + ")");
        }
        close(object);
        ensureComponent();
        Subscription subscription = new Subscription(object, Objects.requireNonNull(sink, "sink"), after.orElse(null));
        subscriptions.put(object, subscription);
        try {
            subscription.subscribe("the first subscription to " + channel(object));
        } catch (RuntimeException e) {
            subscriptions.remove(object, subscription);
            subscription.stop();
            throw new SystemCallException(SalesforceErrors.SYSTEM, "subscribe to " + channel(object), 0, null,
                    e.getMessage(), null, true, null, e);
        }
    }

    @Override
    public Duration pollEvery() {
        return settings.cdcPollEvery();
    }

    @Override
    public boolean delivering(String object) {
        Subscription subscription = subscriptions.get(object);
        return subscription != null && subscription.delivering();
    }

    @Override
    public void close(String object) {
        Subscription subscription = subscriptions.remove(object);
        if (subscription != null) {
            subscription.stop();
        }
    }

    @Override
    public void close() {
        reopener.shutdownNow();
        for (String object : Set.copyOf(subscriptions.keySet())) {
            close(object);
        }
    }

    private void ensureComponent() {
        if (component != null) {
            return;
        }
        if (settings.pubSubPlaintext() && !plaintextStrategyAdded) {
            // camel-salesforce has no option for it: a consumer is switched to plaintext just before it starts
            camel.addLifecycleStrategy(new LifecycleStrategySupport() {
                @Override
                public void onServiceAdd(CamelContext context, Service service, Route route) {
                    if (service instanceof PubSubApiConsumer consumer
                            && consumer.getEndpoint().getEndpointUri().startsWith(COMPONENT_NAME + ":")) {
                        consumer.setUsePlainTextConnection(true);
                    }
                }
            });
            plaintextStrategyAdded = true;
        }
        SalesforceComponent created = SalesforceComponentFactory.createForPubSub(settings);
        // on a started context this starts the component, which logs in (the Pub/Sub consumer refuses lazy login);
        // a failed login leaves nothing registered, so the next open tries again
        camel.addComponent(COMPONENT_NAME, created);
        component = created;
    }

    private void schedule(Runnable task, Duration after) {
        try {
            reopener.schedule(task, after.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: nothing is subscribed again
        }
    }

    private static Duration doubled(Duration pause) {
        Duration next = pause.multipliedBy(2);
        return next.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : next;
    }

    /** A change waiting for the sink, with the route that received it. */
    private record Buffered(String routeId, StreamedChange change) {
    }

    /** One object's subscription across the routes that carry it (a new route after each failure). */
    private final class Subscription {
        private final String object;
        private final Sink sink;
        /** The position of the last event accepted (or the one opened after); null: unknown, catch up. */
        private volatile String lastAccepted;
        private volatile String routeId;
        private volatile boolean refusing = true;
        private volatile boolean retrying;
        private final BlockingQueue<Buffered> buffer = new ArrayBlockingQueue<>(BUFFERED);
        private final Thread drainer;
        private volatile long lastFailureLogged = System.nanoTime() - FAILURE_LOG_NANOS - 1;

        private volatile boolean stopped;
        private volatile CountDownLatch caughtUp = new CountDownLatch(0);
        private volatile Instant skipBefore;

        Subscription(String object, Sink sink, String after) {
            this.object = object;
            this.sink = sink;
            this.lastAccepted = after;
            this.drainer = new Thread(this::drain, "salesforce-cdc-" + object);
            drainer.setDaemon(true);
            drainer.start();
        }

        /**
         * Subscribed, caught up and not retrying a batch. A network or login failure of the subscription is not
         * seen here: camel-salesforce retries those without telling anyone, so {@link #pollEvery} is the net.
         */
        boolean delivering() {
            return !stopped && !refusing && !retrying && routeId != null && caughtUp.getCount() == 0;
        }

        /**
         * Replaces the route: after the last accepted event, or from the oldest kept with a catch-up first.
         *
         * @throws RuntimeException when the route could not be started (login, network)
         */
        void subscribe(String reason) {
            CountDownLatch latch;
            synchronized (this) {
                if (stopped) {
                    return;
                }
                String old = routeId;
                refusing = true;
                routeId = null;
                if (old != null) {
                    removeRoute(old);
                }
                boolean catchUp = lastAccepted == null;
                latch = new CountDownLatch(catchUp ? 1 : 0);
                caughtUp = latch;
                skipBefore = null;
                startRoute(catchUp ? "EARLIEST" : "CUSTOM", lastAccepted);
            }
            if (latch.getCount() > 0) {
                schedule(() -> catchUp(latch, reason, FIRST_PAUSE), Duration.ZERO);
            }
        }

        /** {@link #subscribe}, again after a pause while it fails. */
        private void resubscribe(String reason, Duration wait) {
            try {
                subscribe(reason);
            } catch (RuntimeException e) {
                LOG.warn("Salesforce {}: subscribing to {} again failed ({}); next try in {} s", object,
                        channel(object), e.getMessage(), wait.toSeconds());
                schedule(() -> resubscribe(reason, doubled(wait)), wait);
            }
        }

        private void startRoute(String preset, String replayId) {
            String id = "cdc-salesforce-" + object + "-" + generation.incrementAndGet();
            String uri = COMPONENT_NAME + ":pubSubSubscribe:" + channel(object) + "?pubSubDeserializeType=GENERIC_RECORD"
                    + "&replayPreset=" + preset + (replayId == null ? "" : "&pubSubReplayId=RAW(" + replayId + ")");
            DefaultEndpoint endpoint = camel.getEndpoint(uri, DefaultEndpoint.class);
            endpoint.setExceptionHandler(new ExceptionHandler() {
                @Override
                public void handleException(Throwable exception) {
                    failed(id, exception);
                }

                @Override
                public void handleException(String message, Throwable exception) {
                    failed(id, exception);
                }

                @Override
                public void handleException(String message, Exchange exchange, Throwable exception) {
                    failed(id, exception);
                }
            });
            routeId = id;
            refusing = false;
            try {
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from(endpoint).routeId(id).process(exchange -> deliver(id, exchange));
                    }
                });
            } catch (Exception e) {
                refusing = true;
                removeRoute(id);
                routeId = null;
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
            }
            LOG.info("Salesforce {}: subscribed to {} ({}{})", object, channel(object), preset,
                    replayId == null ? "" : " after " + replayId);
        }

        private void deliver(String id, Exchange exchange) {
            try {
                while (!caughtUp.await(1, TimeUnit.SECONDS)) {
                    if (stopped || camel.isStopping() || !id.equals(routeId)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (stopped || refusing || !id.equals(routeId)) {
                return;
            }
            String position = exchange.getMessage().getHeader(SalesforceConstants.HEADER_SALESFORCE_PUBSUB_REPLAY_ID,
                    String.class);
            if (position == null) {
                LOG.warn("Salesforce {}: an event without a replay id ignored", object);
                return;
            }
            StreamedChange change = ChangeEvents.read(object, exchange.getMessage().getBody(), position);
            Instant skip = skipBefore;
            if (skip != null) {
                if (change.committedAt() != null && change.committedAt().isBefore(skip)) {
                    lastAccepted = position;
                    return;
                }
                skipBefore = null;
            }
            try {
                while (!buffer.offer(new Buffered(id, change), 1, TimeUnit.SECONDS)) {
                    if (stopped || camel.isStopping() || !id.equals(routeId)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Hands the buffered changes of the current route to the sink, in batches, until the subscription ends. */
        private void drain() {
            List<Buffered> taken = new ArrayList<>();
            while (!stopped) {
                try {
                    Buffered first = buffer.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    taken.clear();
                    taken.add(first);
                    buffer.drainTo(taken, BATCH - 1);
                } catch (InterruptedException e) {
                    return;
                }
                String current = routeId;
                List<StreamedChange> batch = taken.stream().filter(b -> b.routeId().equals(current))
                        .map(Buffered::change).toList();
                if (!batch.isEmpty() && offerUntilAccepted(current, batch)) {
                    synchronized (this) {
                        if (current.equals(routeId)) {
                            lastAccepted = batch.get(batch.size() - 1).position();
                        }
                    }
                }
            }
        }

        /** Whether the sink accepted the batch; false when the route changed or the subscription ended first. */
        private boolean offerUntilAccepted(String id, List<StreamedChange> batch) {
            Duration wait = FIRST_PAUSE;
            while (!stopped && id.equals(routeId)) {
                try {
                    sink.accept(batch);
                    retrying = false;
                    return true;
                } catch (RuntimeException e) {
                    retrying = true;
                    LOG.warn("Salesforce {}: {} changes ({} first) not applied ({}); offered again in {} s, the later"
                            + " ones wait", object, batch.size(), batch.get(0).description(), e.getMessage(),
                            wait.toSeconds());
                }
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    return false;
                }
                wait = doubled(wait);
            }
            retrying = false;
            return false;
        }

        private void failed(String id, Throwable exception) {
            if (stopped || !id.equals(routeId)) {
                // a removed route's consumer: ends camel-salesforce's resubscribe loop for it
                throw new IllegalStateException("Salesforce " + object + ": route " + id + " no longer subscribes");
            }
            if (exception instanceof InvalidReplayIdException) {
                refusing = true;
                LOG.warn("Salesforce {}: the position resumed from was refused ({}); catching up from the watermark,"
                        + " then taking the events kept from then on", object, exception.getMessage());
                schedule(() -> {
                    synchronized (this) {
                        if (!id.equals(routeId)) {
                            return;
                        }
                        lastAccepted = null;
                    }
                    resubscribe("Salesforce refused the stored position: " + exception.getMessage(), FIRST_PAUSE);
                }, Duration.ZERO);
                // the route is being replaced: no resubscribe of this consumer with the refused position
                throw new IllegalStateException("Salesforce " + object + ": position refused, route " + id
                        + " is replaced");
            }
            if (camel.isStopping() || camel.isStopped()) {
                LOG.debug("Salesforce {}: an event not handed over while the service stops ({}); it is delivered again"
                        + " after the restart", object, exception.toString());
                return;
            }
            long now = System.nanoTime();
            if (now - lastFailureLogged > FAILURE_LOG_NANOS) {
                lastFailureLogged = now;
                LOG.warn("Salesforce {}: an event of {} was not handed over ({}); it is read by the object's next"
                        + " poll", object, channel(object), exception.toString());
            }
        }

        private void catchUp(CountDownLatch latch, String reason, Duration wait) {
            if (stopped || latch != caughtUp) {
                latch.countDown();
                return;
            }
            try {
                skipBefore = sink.catchUp(reason).orElse(null);
                latch.countDown();
                LOG.info("Salesforce {}: caught up ({}); delivering its change events", object, reason);
            } catch (RuntimeException e) {
                LOG.warn("Salesforce {}: catching up failed ({}); trying again in {} s", object, e.getMessage(),
                        wait.toSeconds());
                schedule(() -> catchUp(latch, reason, doubled(wait)), wait);
            }
        }

        void stop() {
            String id;
            synchronized (this) {
                stopped = true;
                id = routeId;
                caughtUp.countDown();
            }
            drainer.interrupt();
            if (id != null) {
                removeRoute(id);
            }
            try {
                drainer.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            buffer.clear();
        }

        private void removeRoute(String id) {
            try {
                camel.getRouteController().stopRoute(id, 15, TimeUnit.SECONDS);
                camel.removeRoute(id);
            } catch (Exception e) {
                LOG.warn("Salesforce {}: route {} did not stop cleanly: {}", object, id, e.getMessage());
            }
        }
    }
}
