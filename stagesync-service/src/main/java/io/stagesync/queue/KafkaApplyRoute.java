package io.stagesync.queue;

import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * The apply consumers of the Kafka queue (route {@value #ROUTE_ID}): camel-kafka consumers in the configured
 * group, as many as {@code stagesync.queue.kafka.consumers}, each taking the changes of the partitions it owns in
 * order and handing them to the engine ({@link QueuedChangeHandler}); a message's offset is committed
 * (synchronously) only after its change was applied with its writes in the outboxes, or dead-lettered.
 *
 * <p>Delivery is at least once: after a crash, a rebalance or a broker failover the changes since the last commit
 * are taken again, and applying them again changes nothing. A failure that is not the change's fault (a system call
 * or the store failing) is retried up to 3 times, 1 s then 2 s then 4 s apart; then the consumer breaks off and
 * takes its partitions again from the last commit ({@code breakOnFirstError}), so nothing after it is applied
 * first. Automatic offset commits are off; a missing topic is not created by the consumer (the capture creates
 * it, see {@link KafkaChangeQueue}). The partitions the consumers own are tracked for the health report
 * ({@link OwnedPartitions}, the context's {@code subscribeAdapter}).
 */
public final class KafkaApplyRoute extends RouteBuilder {
    /** The route's id. */
    public static final String ROUTE_ID = "apply-kafka";
    /** The Kafka component the route's endpoint uses, configured here (brokers, client properties). */
    static final String COMPONENT = "stagesync-kafka";

    private final KafkaChangeQueue queue;

    public KafkaApplyRoute(KafkaChangeQueue queue) {
        this.queue = queue;
    }

    @Override
    public void configure() {
        KafkaQueueSettings settings = queue.settings();
        KafkaConfiguration configuration = new KafkaConfiguration();
        configuration.setBrokers(settings.bootstrap());
        Map<String, Object> extra = new TreeMap<>(settings.clientProperties());
        extra.put("allow.auto.create.topics", "false");
        configuration.setAdditionalProperties(extra);
        KafkaComponent kafka = new KafkaComponent();
        kafka.setConfiguration(configuration);
        kafka.setKafkaManualCommitFactory(new DefaultKafkaManualCommitFactory());
        getContext().addComponent(COMPONENT, kafka);
        getContext().getRegistry().bind(KafkaConstants.KAFKA_SUBSCRIBE_ADAPTER, queue.owned());
        QueuedChangeHandler handler = new QueuedChangeHandler(queue.applier(), queue.instance(), settings.topic(),
                queue.pins());

        errorHandler(defaultErrorHandler().maximumRedeliveries(3).redeliveryDelay(1000).useExponentialBackOff()
                .backOffMultiplier(2).retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN));

        from(COMPONENT + ":" + settings.topic()
                + "?groupId=" + settings.groupId()
                + "&consumersCount=" + settings.consumers()
                + "&autoOffsetReset=earliest"
                + "&autoCommitEnable=false&allowManualCommit=true&breakOnFirstError=true"
                + "&maxPollRecords=100&sessionTimeoutMs=10000&heartbeatIntervalMs=3000")
                .routeId(ROUTE_ID)
                .process(exchange -> {
                    handler.handle(exchange.getMessage().getBody(String.class), where(exchange));
                    exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class).commit();
                });
    }

    private static String where(Exchange exchange) {
        return "partition " + exchange.getMessage().getHeader(KafkaConstants.PARTITION) + " offset "
                + exchange.getMessage().getHeader(KafkaConstants.OFFSET);
    }
}
