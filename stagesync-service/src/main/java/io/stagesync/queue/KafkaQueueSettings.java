package io.stagesync.queue;

import io.stagesync.config.AppSettings;
import io.stagesync.config.SettingKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Kafka queue's settings ({@code stagesync.queue.kafka.*}, see docs/configuration.md), validated.
 *
 * @param bootstrapServers  brokers to start from, {@code HOST:PORT}
 * @param topic             the topic of the changes
 * @param partitions        partitions of a topic created at start
 * @param replicationFactor replicas of each partition of a topic created at start
 * @param groupId           the apply consumers' group
 * @param consumers         apply consumers of this instance
 * @param sendTimeout       how long a capture waits for a page's acknowledgements
 * @param clientProperties  extra Kafka client settings (TLS, SASL), given to producer, consumers and admin client
 */
public record KafkaQueueSettings(List<String> bootstrapServers, String topic, int partitions, int replicationFactor,
                                 String groupId, int consumers, Duration sendTimeout,
                                 Map<String, String> clientProperties) {
    public KafkaQueueSettings {
        bootstrapServers = List.copyOf(bootstrapServers);
        if (bootstrapServers.isEmpty()) {
            throw new IllegalArgumentException("no Kafka bootstrap server given");
        }
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(sendTimeout, "sendTimeout");
        if (partitions < 1 || replicationFactor < 1 || consumers < 1) {
            throw new IllegalArgumentException("partitions, replication factor and consumers must be at least 1");
        }
        clientProperties = Map.copyOf(clientProperties);
    }

    /** Whether the settings select the Kafka queue ({@code stagesync.queue=kafka}). */
    public static boolean selected(AppSettings settings) {
        return settings.get(SettingKey.QUEUE).trim().equals("kafka");
    }

    /**
     * The settings as configured (already validated by the config loader).
     *
     * @throws UncheckedIOException when the client properties file cannot be read
     */
    public static KafkaQueueSettings from(AppSettings settings) {
        String file = settings.get(SettingKey.KAFKA_CLIENT_PROPERTIES).trim();
        return new KafkaQueueSettings(
                Arrays.stream(settings.get(SettingKey.KAFKA_BOOTSTRAP_SERVERS).split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList(),
                settings.get(SettingKey.KAFKA_TOPIC).trim(),
                Integer.parseInt(settings.get(SettingKey.KAFKA_PARTITIONS).trim()),
                Integer.parseInt(settings.get(SettingKey.KAFKA_REPLICATION).trim()),
                settings.get(SettingKey.KAFKA_GROUP_ID).trim(),
                Integer.parseInt(settings.get(SettingKey.KAFKA_CONSUMERS).trim()),
                Duration.ofSeconds(Integer.parseInt(settings.get(SettingKey.KAFKA_SEND_TIMEOUT_SECONDS).trim())),
                file.isEmpty() ? Map.of() : read(Path.of(file)));
    }

    /** The bootstrap servers as Kafka's {@code bootstrap.servers} takes them. */
    String bootstrap() {
        return String.join(",", bootstrapServers);
    }

    private static Map<String, String> read(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka client properties " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> out.put(name, properties.getProperty(name)));
        return out;
    }
}
