package io.stagesync.sandbox.salesforce;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaInfo;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicInfo;
import com.salesforce.eventbus.protobuf.TopicRequest;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The simulated org's Pub/Sub API: a real gRPC server ({@code eventbus.v1.PubSub}, plaintext, on 127.0.0.1) that
 * delivers the org's Change Data Capture events as Salesforce does, for the real camel-salesforce
 * {@code pubSubSubscribe} consumer.
 *
 * <ul>
 *   <li>Every RPC needs the metadata {@code accesstoken} (a token the org's login issued), {@code instanceurl} and
 *       {@code tenantid} (the org id); else {@code UNAUTHENTICATED} with trailer {@code error-code}
 *       {@value #AUTH_ERROR}.</li>
 *   <li>Topics: {@code /data/ChangeEvents} (every object) and {@code /data/<Object>ChangeEvent}. {@code GetTopic}
 *       and {@code GetSchema} answer {@code TopicInfo}/{@code SchemaInfo}; an unknown topic or schema is
 *       {@code NOT_FOUND}.</li>
 *   <li>{@code Subscribe}: the first {@code FetchRequest} names the topic and {@code LATEST}, {@code EARLIEST} or
 *       {@code CUSTOM} with a replay id (8 bytes here; opaque to clients); delivery resumes after that event. Flow
 *       control as documented: each request adds its {@code num_requested} (at most 100) to what is pending, a
 *       response carries at most what is pending and says what still is; when events are pending but none come,
 *       an empty response with the latest replay id is sent every {@link #keepAlive}. A replay id of an event no
 *       longer retained (older than 72 hours, or {@link #expireRetainedEvents}) or never issued fails the call with
 *       {@code INVALID_ARGUMENT} and trailer {@code error-code} {@value #REPLAY_ID_CORRUPTED}.</li>
 *   <li>{@code Publish} and {@code PublishStream}: {@code UNIMPLEMENTED} (change events are published by the org
 *       itself).</li>
 * </ul>
 * Thread-safe.
 */
public final class SalesforcePubSub implements AutoCloseable {
    /** The error code of a replay id the bus does not hold (expired or invalid). */
    public static final String REPLAY_ID_CORRUPTED = "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted";
    /** The error code of a missing or invalid session. */
    public static final String AUTH_ERROR = "sfdc.platform.eventbus.grpc.service.auth.error";
    /** How long the bus keeps events. */
    public static final Duration RETENTION = Duration.ofHours(72);
    /** The channel of every object's change events. */
    public static final String ALL_CHANGES = "/data/ChangeEvents";

    private static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> ACCESS_TOKEN = Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> TENANT_ID = Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER);
    private static final int MAX_PER_REQUEST = 100;

    /**
     * One {@code Subscribe} call's first request, as received.
     *
     * @param replayId the replay id asked to resume after (CUSTOM), else null
     * @param refused  whether the call was refused (unknown topic, replay id not kept)
     */
    public record Subscribed(String topic, String preset, Long replayId, boolean refused) {
    }

    /** One event on the bus. */
    record Event(long replayId, String type, String schemaId, byte[] payload, String uuid, Instant at) {
    }

    private final ChangeEventSchemas schemas;
    private final Predicate<String> validToken;
    private final String orgId;
    private final Clock clock;
    private final List<Event> events = new ArrayList<>();
    private final List<Subscribed> subscribed = new ArrayList<>();
    private int active;
    private long nextReplayId = 1;
    /** Replay ids below this are no longer retained. */
    private long oldestRetained = 1;
    private volatile Duration keepAlive = Duration.ofSeconds(270);
    private Server server;

    /**
     * @param validToken whether an access token is one the org issued and has not revoked
     * @param orgId      the org's 18-character id ({@code tenantid})
     */
    SalesforcePubSub(ChangeEventSchemas schemas, Predicate<String> validToken, String orgId, Clock clock) {
        this.schemas = schemas;
        this.validToken = validToken;
        this.orgId = orgId;
        this.clock = clock;
    }

    /** Starts the gRPC server on 127.0.0.1 (a free port). */
    synchronized SalesforcePubSub start() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(ServerInterceptors.intercept(new Service(), new Authentication()))
                    .build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("the Pub/Sub simulator could not listen on 127.0.0.1", e);
        }
        return this;
    }

    /** The port the server listens on. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the Pub/Sub simulator is not started");
        }
        return server.getPort();
    }

    /** Sends keep-alive responses this often while a subscriber waits (Salesforce: within 270 s). */
    public void keepAlive(Duration every) {
        keepAlive = Objects.requireNonNull(every, "every");
    }

    /**
     * Forgets every event published so far, as the bus does after 72 hours: a subscriber resuming from one of their
     * replay ids is refused with {@value #REPLAY_ID_CORRUPTED}.
     */
    public synchronized void expireRetainedEvents() {
        oldestRetained = nextReplayId;
        events.clear();
    }

    /** Every {@code Subscribe} call received so far, oldest first. */
    public synchronized List<Subscribed> subscriptions() {
        return List.copyOf(subscribed);
    }

    /** How many {@code Subscribe} calls are delivering now. */
    public synchronized int activeSubscriptions() {
        return active;
    }

    /** The replay id the next event gets (for tests: what a subscriber that saw everything stored last is one less). */
    public synchronized long nextReplayId() {
        return nextReplayId;
    }

    /** How many events the bus holds. */
    public synchronized int retained() {
        return events.size();
    }

    /** Publishes one change event of {@code type}; returns its replay id. */
    synchronized long publish(String type, byte[] payload) {
        purgeExpired();
        Event event = new Event(nextReplayId++, type, schemas.schemaId(type), payload, UUID.randomUUID().toString(),
                clock.instant());
        events.add(event);
        notifyAll();
        return event.replayId();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        notifyAll();
    }

    private void purgeExpired() {
        Instant horizon = clock.instant().minus(RETENTION);
        while (!events.isEmpty() && events.get(0).at().isBefore(horizon)) {
            oldestRetained = events.remove(0).replayId() + 1;
        }
    }

    /** The type a topic carries, null for {@link #ALL_CHANGES}; empty when the bus has no such topic. */
    private Optional<Optional<String>> topicType(String topic) {
        if (ALL_CHANGES.equals(topic)) {
            return Optional.of(Optional.empty());
        }
        if (topic != null && topic.startsWith("/data/") && topic.endsWith("ChangeEvent")) {
            String type = topic.substring("/data/".length(), topic.length() - "ChangeEvent".length());
            if (schemas.schemaId(type) != null) {
                return Optional.of(Optional.of(type));
            }
        }
        return Optional.empty();
    }

    private static StatusRuntimeException failure(Status status, String code, String message) {
        Metadata trailers = new Metadata();
        trailers.put(ERROR_CODE, code);
        return status.withDescription(message).asRuntimeException(trailers);
    }

    static ByteString replayId(long id) {
        return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array());
    }

    /** Checks the session metadata of every call. */
    private final class Authentication implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                          ServerCallHandler<Q, R> next) {
            String token = headers.get(ACCESS_TOKEN);
            if (token == null || !validToken.test(token) || !orgId.equals(headers.get(TENANT_ID))) {
                Metadata trailers = new Metadata();
                trailers.put(ERROR_CODE, AUTH_ERROR);
                call.close(Status.UNAUTHENTICATED.withDescription("Invalid or missing session: accesstoken, instanceurl"
                        + " and tenantid are required"), trailers);
                return new ServerCall.Listener<>() {
                };
            }
            return Contexts.interceptCall(Context.current(), call, headers, next);
        }
    }

    private final class Service extends PubSubGrpc.PubSubImplBase {
        @Override
        public void getTopic(TopicRequest request, StreamObserver<TopicInfo> response) {
            Optional<Optional<String>> type = topicType(request.getTopicName());
            if (type.isEmpty()) {
                response.onError(failure(Status.NOT_FOUND, "sfdc.platform.eventbus.grpc.topic.not.found",
                        "Topic not found: " + request.getTopicName()));
                return;
            }
            response.onNext(TopicInfo.newBuilder().setTopicName(request.getTopicName()).setTenantGuid(orgId)
                    .setCanPublish(false).setCanSubscribe(true)
                    .setSchemaId(type.get().map(schemas::schemaId).orElse(""))
                    .setRpcId(UUID.randomUUID().toString()).build());
            response.onCompleted();
        }

        @Override
        public void getSchema(SchemaRequest request, StreamObserver<SchemaInfo> response) {
            var schema = schemas.schema(request.getSchemaId());
            if (schema.isEmpty()) {
                response.onError(failure(Status.NOT_FOUND, "sfdc.platform.eventbus.grpc.schema.not.found",
                        "Schema not found: " + request.getSchemaId()));
                return;
            }
            response.onNext(SchemaInfo.newBuilder().setSchemaId(request.getSchemaId())
                    .setSchemaJson(schema.get().toString()).setRpcId(UUID.randomUUID().toString()).build());
            response.onCompleted();
        }

        @Override
        public StreamObserver<FetchRequest> subscribe(StreamObserver<FetchResponse> response) {
            return new Subscription((ServerCallStreamObserver<FetchResponse>) response);
        }
    }

    /** One {@code Subscribe} stream: its topic, position, pending count and delivery thread. */
    private final class Subscription implements StreamObserver<FetchRequest> {
        private final ServerCallStreamObserver<FetchResponse> response;
        private String topic;
        private Optional<String> type;
        private long after;
        private int pending;
        private boolean closed;

        Subscription(ServerCallStreamObserver<FetchResponse> response) {
            this.response = response;
            response.setOnCancelHandler(this::close);
        }

        @Override
        public void onNext(FetchRequest request) {
            synchronized (SalesforcePubSub.this) {
                if (topic == null) {
                    Optional<Optional<String>> known = topicType(request.getTopicName());
                    if (known.isEmpty()) {
                        fail(failure(Status.NOT_FOUND, "sfdc.platform.eventbus.grpc.topic.not.found",
                                "Topic not found: " + request.getTopicName()));
                        return;
                    }
                    purgeExpired();
                    Long start = start(request);
                    Long asked = request.getReplayPreset() == ReplayPreset.CUSTOM && request.getReplayId().size() == 8
                            ? ByteBuffer.wrap(request.getReplayId().toByteArray()).getLong() : null;
                    subscribed.add(new Subscribed(request.getTopicName(), request.getReplayPreset().name(), asked,
                            start == null));
                    if (start == null) {
                        fail(failure(Status.INVALID_ARGUMENT, REPLAY_ID_CORRUPTED, "The Replay ID validation failed."
                                + " Ensure that the Replay ID is valid and within the retention window."));
                        return;
                    }
                    topic = request.getTopicName();
                    type = known.get();
                    after = start;
                    active++;
                    Thread delivery = new Thread(this::deliver, "pubsub-sim-" + topic);
                    delivery.setDaemon(true);
                    delivery.start();
                } else if (!topic.equals(request.getTopicName()) && !request.getTopicName().isEmpty()) {
                    fail(failure(Status.INVALID_ARGUMENT, "sfdc.platform.eventbus.grpc.fetch.topic.mismatch",
                            "A fetch request names another topic than the subscription's first request"));
                    return;
                }
                pending = Math.min(MAX_PER_REQUEST, pending + Math.max(0, request.getNumRequested()));
                SalesforcePubSub.this.notifyAll();
            }
        }

        /** The replay id delivery starts after, or null when a custom id is not retained. */
        private Long start(FetchRequest request) {
            if (request.getReplayPreset() == ReplayPreset.EARLIEST) {
                return oldestRetained - 1;
            }
            if (request.getReplayPreset() == ReplayPreset.CUSTOM) {
                ByteString id = request.getReplayId();
                if (id.size() != 8) {
                    return null;
                }
                long value = ByteBuffer.wrap(id.toByteArray()).getLong();
                return value >= oldestRetained - 1 && value < nextReplayId && value > 0 ? value : null;
            }
            return nextReplayId - 1;
        }

        private void deliver() {
            Instant lastSent = clock.instant();
            while (true) {
                FetchResponse.Builder batch = FetchResponse.newBuilder().setRpcId(UUID.randomUUID().toString());
                synchronized (SalesforcePubSub.this) {
                    if (closed) {
                        return;
                    }
                    List<Event> ready = new ArrayList<>();
                    if (pending > 0) {
                        for (Event event : events) {
                            if (event.replayId() > after && (type.isEmpty() || type.get().equals(event.type()))) {
                                ready.add(event);
                                if (ready.size() == pending) {
                                    break;
                                }
                            }
                        }
                    }
                    boolean keepAliveDue = pending > 0 && ready.isEmpty()
                            && !clock.instant().isBefore(lastSent.plus(keepAlive));
                    if (ready.isEmpty() && !keepAliveDue) {
                        try {
                            SalesforcePubSub.this.wait(Math.max(1, Math.min(1000, keepAlive.toMillis())));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        continue;
                    }
                    for (Event event : ready) {
                        batch.addEvents(ConsumerEvent.newBuilder().setReplayId(replayId(event.replayId()))
                                .setEvent(ProducerEvent.newBuilder().setId(event.uuid()).setSchemaId(event.schemaId())
                                        .setPayload(ByteString.copyFrom(event.payload()))));
                        after = event.replayId();
                    }
                    pending -= ready.size();
                    batch.setLatestReplayId(replayId(ready.isEmpty() ? Math.max(after, nextReplayId - 1) : after))
                            .setPendingNumRequested(pending);
                }
                try {
                    response.onNext(batch.build());
                    lastSent = clock.instant();
                } catch (RuntimeException e) {
                    close();
                    return;
                }
            }
        }

        private void fail(StatusRuntimeException error) {
            if (!closed && topic != null) {
                active--;
            }
            closed = true;
            response.onError(error);
        }

        private void close() {
            synchronized (SalesforcePubSub.this) {
                if (!closed && topic != null) {
                    active--;
                }
                closed = true;
                SalesforcePubSub.this.notifyAll();
            }
        }

        @Override
        public void onError(Throwable t) {
            close();
        }

        @Override
        public void onCompleted() {
            close();
            try {
                response.onCompleted();
            } catch (RuntimeException e) {
                // the call is already closed
            }
        }
    }
}
