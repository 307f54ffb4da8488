package io.stagesync.queue;

import io.stagesync.connector.SystemRecord;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.sync.ChangeQueue;
import io.stagesync.sync.PollResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ChangeQueue} between processes: a page offered is published to a Kafka topic, one message per
 * record ({@link ChangeMessage}, keyed by the record it came from), and {@link #offer} returns once every broker
 * in sync acknowledged every message of the page ({@code acks=all}, idempotent producer); only then does the
 * capture move its watermark or replay id. Apply happens later, on the consumers of {@link KafkaApplyRoute}, in
 * this instance or another of the group. An initial capture's pages ({@link ChangeQueue.Mode#APPLY_ONLY}) are
 * applied here, on the capturing thread: the capture must know them before it writes anything.
 *
 * <p>The topic is created on first use when missing, with the configured partitions and replication factor (and
 * {@code min.insync.replicas} 2 when replicated), so it never gets a broker's defaults. A page whose
 * acknowledgements do not all arrive within the send timeout throws {@link QueueUnavailableException}; some of its
 * messages may be on the topic already, and are applied twice when the page is read and sent again, which changes
 * nothing the second time (apply drops what is no news). A record whose fields cannot be written as JSON (a
 * connector returning a type JSON cannot hold), or whose message is larger than the brokers take
 * ({@code max.request.size}), is applied on the capturing thread instead, so it neither is lost nor stops the
 * capture. The capturing read is held in flight until its changes were applied here ({@link ReadPins}).
 * Thread-safe; close it after the capture stopped.
 */
public final class KafkaChangeQueue implements ChangeQueue, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaChangeQueue.class);

    private final KafkaQueueSettings settings;
    private final ChangeQueue.Applier applier;
    private final String instance = UUID.randomUUID().toString();
    private final KafkaProducer<String, String> producer;
    private final ReadPins pins;
    private final OwnedPartitions owned;
    private volatile boolean topicReady;

    /** A queue publishing with its own producer; nothing connects before the first offer. */
    public KafkaChangeQueue(KafkaQueueSettings settings, ChangeQueue.Applier applier) {
        this.settings = settings;
        this.applier = applier;
        this.pins = new ReadPins(applier);
        this.owned = new OwnedPartitions(settings.topic());
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        int timeout = (int) settings.sendTimeout().toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, Math.min(timeout - 5, 30_000)));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "stagesync-capture-" + instance);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** The settings it publishes with (the apply route consumes with the same). */
    public KafkaQueueSettings settings() {
        return settings;
    }

    /** This process's id in the messages it publishes. */
    String instance() {
        return instance;
    }

    /** The engine's apply side, which the apply route hands each change to. */
    ChangeQueue.Applier applier() {
        return applier;
    }

    /** The partitions of the topic this process's apply consumers own now, in order (for the health report). */
    public List<Integer> ownedPartitions() {
        return owned.numbers();
    }

    /** What the apply route subscribes its consumers with. */
    OwnedPartitions owned() {
        return owned;
    }

    /** The reads of this process held for their changes on the queue. */
    ReadPins pins() {
        return pins;
    }

    @Override
    public PollResult offer(ObjectMapping source, List<SystemRecord> page, Mode mode, long readStart) {
        if (mode == Mode.APPLY_ONLY) {
            return applier.applyHere(source, page, mode, readStart);
        }
        ensureTopic();
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        List<SystemRecord> sentRecords = new ArrayList<>(page.size());
        List<Future<RecordMetadata>> sent = new ArrayList<>(page.size());
        List<SystemRecord> here = new ArrayList<>();
        pins.hold(readStart, page.size());
        int unpinned = 0;
        try {
            for (SystemRecord record : page) {
                ChangeMessage message = new ChangeMessage(record, mode, instance, readStart);
                String json;
                try {
                    json = message.toJson();
                } catch (IllegalArgumentException e) {
                    LOG.warn("{}: applied here, not queued: {}", source.label(), e.getMessage());
                    here.add(record);
                    continue;
                }
                sentRecords.add(record);
                sent.add(producer.send(new ProducerRecord<>(settings.topic(), message.key(), json)));
            }
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RecordTooLargeException)) {
                        throw e;
                    }
                    LOG.warn("{} {}: applied here, not queued: {}", source.label(), sentRecords.get(i).id(),
                            e.getCause().getMessage());
                    here.add(sentRecords.get(i));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unpinned = page.size();
            throw unavailable(source, page.size(), e);
        } catch (ExecutionException e) {
            unpinned = page.size();
            throw unavailable(source, page.size(), e.getCause());
        } catch (TimeoutException e) {
            unpinned = page.size();
            throw unavailable(source, page.size(), new TimeoutException("no acknowledgement within "
                    + settings.sendTimeout().toSeconds() + " s (stagesync.queue.kafka.send-timeout-seconds)"));
        } catch (RuntimeException e) {
            unpinned = page.size();
            throw unavailable(source, page.size(), e);
        } finally {
            // a page not taken is read again; the changes applied here need no hold either
            pins.release(readStart, unpinned > 0 ? unpinned : here.size());
        }
        if (here.isEmpty()) {
            return new PollResult(source.system(), source.object(), page.size(), 0, 0, 0, 0, 1, 0);
        }
        PollResult applied = applier.applyHere(source, here, mode, readStart);
        return new PollResult(source.system(), source.object(), page.size(), applied.applied(), applied.echoes(),
                applied.held(), applied.deadLettered(), 1, applied.emptyStageFields());
    }

    /**
     * Creates the topic when it is missing (see the class comment); once it exists, does nothing.
     *
     * @throws QueueUnavailableException when the brokers cannot be asked or refuse to create it
     */
    void ensureTopic() {
        if (topicReady) {
            return;
        }
        synchronized (this) {
            if (topicReady) {
                return;
            }
            Map<String, Object> config = new HashMap<>(settings.clientProperties());
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "stagesync-admin-" + instance);
            long timeout = settings.sendTimeout().toMillis();
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout);
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout, 30_000));
            try (Admin admin = Admin.create(config)) {
                Set<String> topics = admin.listTopics().names().get(timeout, TimeUnit.MILLISECONDS);
                if (!topics.contains(settings.topic())) {
                    NewTopic topic = new NewTopic(settings.topic(), settings.partitions(),
                            (short) settings.replicationFactor());
                    if (settings.replicationFactor() > 1) {
                        topic.configs(Map.of("min.insync.replicas", "2"));
                    }
                    try {
                        admin.createTopics(List.of(topic)).all().get(timeout, TimeUnit.MILLISECONDS);
                        LOG.info("created Kafka topic {}: {} partitions, replication factor {}", settings.topic(),
                                settings.partitions(), settings.replicationFactor());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                topicReady = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QueueUnavailableException("interrupted while checking Kafka topic " + settings.topic(), e);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new QueueUnavailableException("cannot check or create Kafka topic " + settings.topic() + " at "
                        + settings.bootstrap() + ": " + cause, cause);
            }
        }
    }

    private QueueUnavailableException unavailable(ObjectMapping source, int records, Throwable cause) {
        return new QueueUnavailableException("Kafka did not take " + records + " changes of " + source.label()
                + " (topic " + settings.topic() + " at " + settings.bootstrap() + "): " + cause
                + "; the watermark stays, the page is read again at the next poll", cause);
    }

    /** Closes the producer, waiting up to 10 s for messages in flight (their offers fail if they do not go). */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
