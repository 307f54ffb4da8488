package io.stagesync.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.queue.KafkaQueueSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue and cluster settings at start: by default nothing of Kafka or clustering is needed; {@code kafka} without
 * brokers, brokers that are not {@code HOST:PORT}, an unknown queue, and cluster mode on the embedded H2 store are
 * each refused with the key and what to set; a valid Kafka section is read as given.
 */
class QueueAndClusterSettingsTest {
    @TempDir
    Path config;

    private ShippedConfigDir shipped;

    @BeforeEach
    void shippedModel() throws IOException {
        shipped = new ShippedConfigDir(config);
    }

    @Test
    void theDefaultsNeedNeitherKafkaNorACluster() throws IOException {
        StagesyncConfig loaded = shipped.load("", Map.of());

        assertThat(KafkaQueueSettings.selected(loaded.settings())).isFalse();
        assertThat(loaded.settings().get(SettingKey.CLUSTER_ENABLED)).isEqualTo("false");
    }

    @Test
    void aKafkaQueueIsReadAsGiven() throws IOException {
        StagesyncConfig loaded = shipped.load("""
                stagesync.queue=kafka
                stagesync.queue.kafka.bootstrap-servers=kafka-1:9092, kafka-2:9092
                stagesync.queue.kafka.partitions=24
                stagesync.queue.kafka.consumers=4
                stagesync.queue.kafka.send-timeout-seconds=10
                """, Map.of());

        KafkaQueueSettings kafka = KafkaQueueSettings.from(loaded.settings());
        assertThat(kafka.bootstrapServers()).containsExactly("kafka-1:9092", "kafka-2:9092");
        assertThat(kafka.topic()).isEqualTo("stagesync-changes");
        assertThat(kafka.partitions()).isEqualTo(24);
        assertThat(kafka.replicationFactor()).isEqualTo(3);
        assertThat(kafka.groupId()).isEqualTo("stagesync-apply");
        assertThat(kafka.consumers()).isEqualTo(4);
        assertThat(kafka.sendTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void wrongQueueAndClusterSettingsAreRefusedNamingTheKeyAndWhatToSet() throws IOException {
        Path properties = shipped.properties();

        assertThat(shipped.errorsOf("stagesync.queue=kafka\n", Map.of())).containsExactly(properties
                + ": stagesync.queue.kafka.bootstrap-servers: is required with stagesync.queue=kafka: the Kafka brokers"
                + " to start from, e.g. kafka-1:9092,kafka-2:9092,kafka-3:9092");
        List<String> bad = shipped.errorsOf("""
                stagesync.queue=rabbit
                stagesync.queue.kafka.bootstrap-servers=kafka-1
                stagesync.queue.kafka.topic=changes/all
                """, Map.of());
        assertThat(bad).containsExactly(
                properties + ":1: stagesync.queue: must be memory or kafka (got \"rabbit\")",
                properties + ":2: stagesync.queue.kafka.bootstrap-servers: each item must be HOST:PORT, e.g. "
                        + "kafka-1:9092 (got \"kafka-1\")",
                properties + ":3: stagesync.queue.kafka.topic: must be a Kafka topic name: letters, digits, '.', '_' or"
                        + " '-', at most 249 (got \"changes/all\")");
        assertThat(shipped.errorsOf("stagesync.cluster.enabled=true\n", Map.of())).containsExactly(properties
                + ": stagesync.cluster.enabled: needs the store on PostgreSQL (set stagesync.store.jdbc-url="
                + "jdbc:postgresql://HOST:PORT/DB): the instances share it and lead through its advisory locks");
    }
}
