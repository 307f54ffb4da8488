package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.queue.KafkaApplyRoute;
import io.stagesync.queue.KafkaChangeQueue;
import io.stagesync.queue.KafkaQueueSettings;
import io.stagesync.queue.QueueUnavailableException;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on the shipped config with {@code stagesync.queue=kafka}: Salesforce Accounts captured by polls are
 * published to a topic of an in-JVM KRaft cluster of three brokers (replication 3, {@code min.insync.replicas} 2),
 * and applied by the camel-kafka consumers of {@link KafkaApplyRoute}, which write the NetSuite customers. Every
 * account reaches NetSuite once, with its newest value, also when a broker stops during the sync; a message no one
 * can read goes to the dead letters and the changes behind it flow; a page the brokers do not acknowledge (or that
 * cannot reach them) leaves the watermark where it was; a change whose apply fails is taken again, after 3
 * redeliveries from the last commit, and the changes behind it wait for it. Starts its own brokers: needs nothing on
 * the machine.
 */
class KafkaChangeQueueFlowTest {
    private static KafkaClusterTestKit cluster;

    @TempDir
    Path dir;

    private StateStore store;
    private ThreadSafeSystem salesforce;
    private ThreadSafeSystem netsuite;
    private SyncEngine engine;
    private KafkaChangeQueue queue;
    private DefaultCamelContext camel;

    @BeforeAll
    static void startBrokers() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(3).setNumControllerNodes(3).build())
                .setConfigProp("offsets.topic.replication.factor", "3")
                .setConfigProp("transaction.state.log.replication.factor", "3")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @AfterAll
    static void stopBrokers() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (engine != null) {
            engine.close();
        }
        if (queue != null) {
            queue.close();
        }
        store.close();
    }

    /** Salesforce and NetSuite in memory, the engine publishing to {@code topic}, the apply consumers started. */
    private void start(String topic, String bootstrap, Duration sendTimeout) throws Exception {
        start(topic, bootstrap, sendTimeout, 3);
    }

    private void start(String topic, String bootstrap, Duration sendTimeout, int replication) throws Exception {
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        salesforce = new ThreadSafeSystem(new InMemorySystem("salesforce", SalesforceConnector.DIALECT));
        netsuite = new ThreadSafeSystem(new InMemorySystem("netsuite", NetSuiteConnector.DIALECT));
        KafkaQueueSettings settings = new KafkaQueueSettings(List.of(bootstrap.split(",")), topic, 6, replication,
                "apply-" + topic, 3, sendTimeout, Map.of());
        AtomicReference<KafkaChangeQueue> built = new AtomicReference<>();
        engine = new SyncEngine(ShippedConfig.model(), ShippedConfig.mappings(), store, Connectors.builder()
                .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, netsuite, NetSuiteConnector.DIALECT).build(),
                new SyncSettings(50, "42", io.stagesync.connector.spi.SystemConnectors.installed().lookBackDefaults()),
                java.time.Clock.systemUTC(), SendMode.ONE_THREAD_PER_TARGET, applier -> {
                    built.set(new KafkaChangeQueue(settings, applier));
                    return built.get();
                });
        queue = built.get();
        camel = new DefaultCamelContext();
        camel.addRoutes(new KafkaApplyRoute(queue));
        camel.start();
    }

    private long customers() {
        synchronized (netsuite) {
            return netsuite.system.all("customer").size();
        }
    }

    private String customerName(String account) {
        synchronized (netsuite) {
            return netsuite.system.all("customer").values().stream()
                    .filter(c -> account.equals(c.get("externalId")))
                    .map(c -> String.valueOf(c.get("companyName"))).findFirst().orElse(null);
        }
    }

    @Test
    void everyAccountReachesNetSuiteOnceWithItsNewestValueWhileABrokerIsDown() throws Exception {
        start("changes-broker-down", cluster.bootstrapServers(), Duration.ofSeconds(60));
        int accounts = 2_000;
        for (int i = 1; i <= accounts; i++) {
            salesforce.put("Account", String.valueOf(i), Map.of("Name", "Account " + i + " Ltd",
                    "Lifecycle_Stage__c", "Opportunity"));
        }
        List<PollResult> applied = java.util.Collections.synchronizedList(new ArrayList<>());
        engine.onAppliedApart(applied::add);

        List<PollResult> polled = engine.poll("salesforce");
        assertThat(polled).as("what the poll offered was queued, not applied on its thread")
                .allSatisfy(r -> assertThat(r.queued()).isEqualTo(r.read()));
        cluster.brokers().values().stream().skip(1).findFirst().orElseThrow().shutdown();
        for (int i = 1; i <= accounts; i += 10) {
            salesforce.put("Account", String.valueOf(i), Map.of("Name", "Account " + i + " Group"));
        }
        engine.poll("salesforce");

        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(customers()).as("customers created").isEqualTo(accounts);
            List<String> stale = new ArrayList<>();
            for (int i = 1; i <= accounts; i++) {
                String newest = "Account " + i + ((i - 1) % 10 == 0 ? " Group" : " Ltd");
                if (!newest.equals(customerName(String.valueOf(i)))) {
                    stale.add(i + ": " + customerName(String.valueOf(i)));
                }
            }
            assertThat(stale).as("customers whose name is not their account's newest").isEmpty();
        });
        assertThat(netsuite.creates()).as("one create per account, none twice").isEqualTo(accounts);
        assertThat(store.deadLetters().list(null, 10)).as("dead letters").isEmpty();
        assertThat(applied.stream().mapToInt(PollResult::applied).sum())
                .as("what the consumers applied reached the engine's listener, each change once (taken again after "
                        + "the broker stopped, a change is no news)").isEqualTo(accounts + accounts / 10);
        assertThat(queue.ownedPartitions()).as("partitions this process's consumers own (health report)")
                .containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void anUnreadableMessageGoesToTheDeadLettersAndTheChangesBehindItFlow() throws Exception {
        start("changes-poison", cluster.bootstrapServers(), Duration.ofSeconds(60));
        salesforce.put("Account", "1", Map.of("Name", "Before The Poison Ltd", "Lifecycle_Stage__c", "Opportunity"));
        engine.poll("salesforce");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (int partition = 0; partition < 6; partition++) {
                producer.send(new ProducerRecord<>("changes-poison", partition, "x", "{\"v\": 1, \"system\": ")).get();
            }
        }
        salesforce.put("Account", "2", Map.of("Name", "After The Poison Ltd", "Lifecycle_Stage__c", "Opportunity"));
        engine.poll("salesforce");

        Awaitility.await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            assertThat(customerName("1")).isEqualTo("Before The Poison Ltd");
            assertThat(customerName("2")).isEqualTo("After The Poison Ltd");
        });
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(store.deadLetters().list(null, 20)).hasSize(6).allSatisfy(letter -> {
                    assertThat(letter.system()).isEqualTo("queue");
                    assertThat(letter.objectType()).isEqualTo("changes-poison");
                    assertThat(letter.payload()).isEqualTo("{\"v\": 1, \"system\": ");
                    assertThat(letter.error()).startsWith("the change at changes-poison partition ")
                            .contains("cannot be read: the message is not JSON");
                }));
    }

    @Test
    void aPageTheBrokersDoNotTakeLeavesTheWatermarkWhereItWas() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        start("changes-nowhere", "127.0.0.1:" + closedPort, Duration.ofSeconds(2));
        salesforce.put("Account", "1", Map.of("Name", "Nowhere Ltd", "Lifecycle_Stage__c", "Opportunity"));

        assertThatThrownBy(() -> engine.poll("salesforce")).isInstanceOf(QueueUnavailableException.class)
                .hasMessageContaining("changes-nowhere").hasMessageContaining("127.0.0.1:" + closedPort);

        assertThat(store.watermarks().get("salesforce", "Account")).as("watermark").isEmpty();
        assertThat(store.records().page("account", null, 10)).as("nothing applied").isEmpty();
    }

    @Test
    void aPageTheBrokersDoNotAcknowledgeLeavesTheWatermarkWhereItWas() throws Exception {
        try (KafkaClusterTestKit single = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1").build()) {
            single.format();
            single.startup();
            single.waitForReadyBrokers();
            start("changes-unacknowledged", single.bootstrapServers(), Duration.ofSeconds(3), 1);
            salesforce.put("Account", "1", Map.of("Name", "Acknowledged Ltd", "Lifecycle_Stage__c", "Opportunity"));
            engine.poll("salesforce");
            var acknowledged = store.watermarks().get("salesforce", "Account");
            assertThat(acknowledged).as("moved once the brokers acknowledged").isPresent();

            single.brokers().values().iterator().next().shutdown();
            salesforce.put("Account", "2", Map.of("Name", "Unacknowledged Ltd", "Lifecycle_Stage__c", "Opportunity"));

            assertThatThrownBy(() -> engine.poll("salesforce")).isInstanceOf(QueueUnavailableException.class)
                    .hasMessageContaining("Kafka did not take").hasMessageContaining("of salesforce Account")
                    .hasMessageContaining("the watermark stays");
            assertThat(store.watermarks().get("salesforce", "Account")).as("where the acknowledged page left it")
                    .isEqualTo(acknowledged);
            camel.stop();
        }
    }

    @Test
    void aChangeWhoseApplyFailsIsTakenAgainInOrderAndNothingBehindItIsSkipped() throws Exception {
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        List<String> applied = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger failuresLeft = new java.util.concurrent.atomic.AtomicInteger(5);
        ChangeQueue.Applier failingOnce = new ChangeQueue.Applier() {
            @Override
            public PollResult apply(io.stagesync.mapping.ObjectMapping source, List<SystemRecord> page,
                                    ChangeQueue.Mode mode, long readStart) {
                String id = page.get(0).id();
                if (id.equals("2") && failuresLeft.getAndDecrement() > 0) {
                    applied.add("failed " + id);
                    throw new io.stagesync.connector.SystemCallException("netsuite", "upsert customer", 503, null,
                            "Service Unavailable", null, true, null, null);
                }
                applied.add(id);
                return new PollResult(source.system(), source.object(), 1, 1, 0, 0, 0, 1, 0);
            }

            @Override
            public PollResult applyHere(io.stagesync.mapping.ObjectMapping source, List<SystemRecord> page,
                                        ChangeQueue.Mode mode, long readStart) {
                throw new AssertionError("nothing is applied on the capturing thread here");
            }

            @Override
            public long beginRead() {
                return 0;
            }

            @Override
            public boolean readStartsShared() {
                return false;
            }

            @Override
            public void holdRead(long readStart) {
            }

            @Override
            public void endRead(long readStart) {
            }

            @Override
            public Optional<io.stagesync.mapping.ObjectMapping> mapping(String system, String object) {
                return Optional.of(ShippedConfig.mapping(system, object));
            }

            @Override
            public void deadLetter(SystemRecord record, String reason) {
                applied.add("dead letter " + record.id());
            }

            @Override
            public void deadLetterMessage(String queue, String where, String message, String reason) {
                applied.add("dead message " + where);
            }
        };
        queue = new KafkaChangeQueue(new KafkaQueueSettings(List.of(cluster.bootstrapServers().split(",")),
                "changes-retry", 1, 3, "apply-changes-retry", 1, Duration.ofSeconds(60), Map.of()), failingOnce);
        camel = new DefaultCamelContext();
        camel.addRoutes(new KafkaApplyRoute(queue));
        camel.start();
        List<SystemRecord> page = new ArrayList<>();
        for (String id : List.of("1", "2", "3")) {
            page.add(new SystemRecord("salesforce", "Account", id, java.time.Instant.parse("2026-11-01T09:00:00Z"),
                    Map.of("Name", "Account " + id + " Ltd")));
        }

        PollResult offered = queue.offer(ShippedConfig.mapping("salesforce", "Account"), page,
                ChangeQueue.Mode.APPLY_AND_WRITE, 0);

        assertThat(offered.queued()).isEqualTo(3);
        Awaitility.await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(applied).containsExactly(
                "1", "failed 2", "failed 2", "failed 2", "failed 2", "failed 2", "2", "3"));
    }
}
