package io.stagesync.queue;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.component.kafka.consumer.support.subcription.DefaultSubscribeAdapter;
import org.apache.camel.component.kafka.consumer.support.subcription.SubscribeAdapter;
import org.apache.camel.component.kafka.consumer.support.subcription.TopicInfo;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions of the change topic this process's apply consumers own now, as the consumer group assigned them,
 * for {@code /api/health}. camel-kafka subscribes each consumer through the context's {@code subscribeAdapter}
 * bean: this one subscribes as camel-kafka's default does, listening in on the assignments and revocations (its own
 * rebalance listener, which commits and seeks, still gets every call first). Thread-safe.
 */
final class OwnedPartitions implements SubscribeAdapter {
    /** Per consumer subscribed, what it owns (one consumer's late "lost" must not drop a sibling's partitions). */
    private final List<Set<TopicPartition>> owned = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final SubscribeAdapter subscribe;

    /** @param topic the change topic (the default adapter logs it) */
    OwnedPartitions(String topic) {
        this.subscribe = new DefaultSubscribeAdapter(topic, false);
    }

    @Override
    public void subscribe(Consumer<?, ?> consumer, ConsumerRebalanceListener camel, TopicInfo topic) {
        Set<TopicPartition> mine = ConcurrentHashMap.newKeySet();
        owned.add(mine);
        subscribe.subscribe(consumer, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                try {
                    camel.onPartitionsRevoked(partitions);
                } finally {
                    mine.removeAll(partitions);
                }
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                try {
                    camel.onPartitionsAssigned(partitions);
                } finally {
                    mine.addAll(partitions);
                }
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                try {
                    camel.onPartitionsLost(partitions);
                } finally {
                    mine.removeAll(partitions);
                }
            }
        }, topic);
    }

    /** The partition numbers owned now, in order (empty before the first assignment and after the route stops). */
    List<Integer> numbers() {
        return owned.stream().flatMap(Set::stream).map(TopicPartition::partition).distinct().sorted().toList();
    }
}
