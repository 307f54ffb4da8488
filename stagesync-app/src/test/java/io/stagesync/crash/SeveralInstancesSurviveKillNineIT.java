package io.stagesync.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.stagesync.testing.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.junit.jupiter.api.Test;

/**
 * The crash test of several instances: {@value #DEFAULT_INSTANCES} packaged {@code stagesync.jar} processes in cluster
 * mode ({@code stagesync.cluster.enabled}) share one PostgreSQL store and the change topic of a 3-broker KRaft cluster
 * in this JVM, against the sandbox's simulators of Salesforce, NetSuite and Pardot seeded with
 * {@value #DEFAULT_RECORDS} records, while users keep creating and editing records (see {@link CrashWorkload}). The
 * captures spread over the instances (each leads about one), each applies what its partitions hold, and every
 * instance sends to every system (the records it claimed). {@value #DEFAULT_KILLS} times one instance, chosen at
 * random once all answer, is killed with SIGKILL and started again; midway one broker stops for good. Then the
 * users stop, all but one instance stop (SIGTERM) so it leads every capture, the sync settles ({@link Quiescence},
 * quiet for longer than Kafka's consumer session and the reopening of letters a killed instance left REPLAYING),
 * and the set check must find 0 lost, 0 duplicated, 0 stale values, no record that two of the service's calls wrote
 * at once (the fakes serve calls concurrently, as a vendor's API does, and tell which record a call wrote while an
 * earlier write of it was still unanswered), and the store an id cross-reference that is 1:1 with no open dead
 * letter. It prints how long the survivors took to lead the captures of a killed leader, and what
 * the store still holds.
 *
 * <p>Runs in {@code verify} (CI) and needs the jar built by {@code package} and PostgreSQL ({@link TestPostgres}).
 * On demand: {@code -Dcrash.kills=100}, {@code -Dcrash.instances=2}, {@code -Dcrash.records=N},
 * {@code -Dcrash.queue=memory} (no Kafka, no broker loss), {@code -Dcrash.shared-sends=false} (each system
 * written by its capture leader only), {@code -Dcrash.concurrent-fakes=false} (each fake serves one call at a time), and replay a seed with {@code -Dcrash.seed=123}:
 * <pre>
 * ./mvnw -B verify -pl stagesync-app -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=SeveralInstancesSurviveKillNineIT -Dcrash.kills=100
 * </pre>
 * The run's logs and configs stay in {@code target/kill-nine/cluster-<seed>/}.
 */
class SeveralInstancesSurviveKillNineIT {
    static final int DEFAULT_KILLS = 10;
    static final int DEFAULT_INSTANCES = 3;
    static final int DEFAULT_RECORDS = 10_000;
    private static final Path JAR = Path.of(System.getProperty("stagesync.jar", "target/stagesync.jar"));
    /**
     * Quiet for longer than Kafka's consumer session (10 s) and than the 1 minute after which an instance reopens a
     * letter a killed instance left REPLAYING.
     */
    private static final Duration QUIET = Duration.ofSeconds(75);
    private static final Duration CONVERGE_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> SYSTEMS = List.of("salesforce", "netsuite", "pardot");

    @Test
    void threeInstancesOnOneStoreAndTopicSurviveKillsOfAnyAndABrokerLossWithNothingLost() throws Exception {
        long seed = Long.getLong("crash.seed", new SecureRandom().nextLong());
        int kills = Integer.getInteger("crash.kills", DEFAULT_KILLS);
        int count = Integer.getInteger("crash.instances", DEFAULT_INSTANCES);
        int records = Integer.getInteger("crash.records", DEFAULT_RECORDS);
        boolean queued = System.getProperty("crash.queue", "kafka").equals("kafka");
        // as a vendor's API: calls in flight are served concurrently, so two writes of one record at once would show
        boolean concurrentFakes = Boolean.parseBoolean(System.getProperty("crash.concurrent-fakes", "true"));
        if (count < 2) {
            throw new IllegalArgumentException("crash.instances must be 2 or more, not " + count);
        }
        Path dir = CrashRuns.runDir("cluster", seed);
        System.out.printf("kill -9 crash test [cluster]: seed %d, %d instances, %d records, %d kills, %s queue "
                + "(replay: -Dcrash.seed=%d)%n", seed, count, records, kills, queued ? "kafka" : "memory", seed);
        long began = System.nanoTime();
        String schema = TestPostgres.newSchema();
        try (KafkaClusterTestKit kafka = queued ? new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(3).setNumControllerNodes(3).build())
                .setConfigProp("offsets.topic.replication.factor", "3")
                .setConfigProp("group.initial.rebalance.delay.ms", "0").build() : null;
             VendorFakes fakes = new VendorFakes(Duration.ofMillis(5), Duration.ofMillis(40), concurrentFakes)) {
            if (kafka != null) {
                kafka.format();
                kafka.startup();
                kafka.waitForReadyBrokers();
            }
            CrashWorkload users = new CrashWorkload(fakes, seed * 31 + 7);
            // 45 % accounts created in Salesforce, 45 % customers in NetSuite, 10 % prospects in Pardot
            users.seed(records * 45 / 100, records * 45 / 100, records - 2 * (records * 45 / 100));
            String token = CrashRuns.adminToken();
            Map<String, String> env = CrashRuns.clusterEnvironment(fakes, token);
            List<Instance> instances = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                instances.add(new Instance("instance-" + (char) ('a' + i), dir, fakes, env, token, schema,
                        kafka == null ? null : kafka.bootstrapServers()));
            }
            SetCheck.Result sets;
            List<String> overlapping;
            StoredStateCheck.Result state;
            List<Long> failovers = new ArrayList<>();
            Instance last = instances.get(0);
            try {
                for (Instance instance : instances) {
                    instance.process.start();
                }
                users.start();
                Random schedule = new Random(seed);
                try {
                    for (int kill = 1; kill <= kills; kill++) {
                        // each kill hits a running instance: all answer (a start takes seconds), then 2-8 s more
                        awaitAnswering(instances);
                        Thread.sleep(2_000 + schedule.nextInt(6_000));
                        Instance victim = instances.get(schedule.nextInt(count));
                        List<Instance> survivors = instances.stream().filter(i -> i != victim).toList();
                        instances.forEach(SeveralInstancesSurviveKillNineIT::requireRunning);
                        List<String> led = victim.leads();
                        assertThat(victim.process.kill9()).as("exit status of kill %d: SIGKILL", kill)
                                .isEqualTo(StagesyncProcess.SIGKILL_EXIT);
                        long killed = System.nanoTime();
                        if (!led.isEmpty()) {
                            awaitLeading(survivors, led);
                            failovers.add((System.nanoTime() - killed) / 1_000_000);
                        }
                        if (kafka != null && kill == (kills + 1) / 2) {
                            kafka.brokers().values().iterator().next().shutdown();
                            System.out.println("kill -9 crash test [cluster]: one broker of three stopped for good");
                        }
                        victim.process.start();
                    }
                } finally {
                    users.stop();
                }
                for (Instance instance : instances.subList(1, count)) {
                    instance.process.stop();
                }
                awaitLeading(List.of(last), SYSTEMS);
                new Quiescence(fakes, last.admin).await(QUIET, CONVERGE_TIMEOUT, () -> requireRunning(last));
                sets = SetCheck.run(fakes, users.accounts(), users.prospects());
                overlapping = fakes.overlappingWrites();
                last.process.stop();
            } finally {
                for (Instance instance : instances) {
                    instance.process.close();
                }
            }
            String leftOver;
            try (Connection connection = TestPostgres.connect()) {
                state = StoredStateCheck.run(connection, schema, users.accounts(), users.prospects(),
                        sets.staleAccounts(), fakes.salesforce());
                leftOver = leftOver(connection, schema);
            }
            String summary = String.format("kill -9 crash test [cluster, " + (queued ? "kafka" : "memory")
                            + " queue]: seed %d, %d instances, kills %d, records %d, "
                            + "lost %d, duplicated %d, stale %d, records written twice at once %d, xref mismatches %d, "
                            + "open dead letters %d, user "
                            + "changes %d, leader failover ms %s, left over %s, elapsed %d s", seed, count, kills,
                    sets.records(), sets.lost(), sets.duplicated(), sets.stale(), overlapping.size(),
                    state.xrefMismatches(),
                    state.openDeadLetters(), users.edits(), failovers, leftOver,
                    Duration.ofNanos(System.nanoTime() - began).toSeconds());
            System.out.println(summary);
            List<String> findings = new ArrayList<>(sets.findings());
            overlapping.forEach(write -> findings.add("two writes of one record in flight at once: " + write));
            findings.addAll(state.findings());
            if (!findings.isEmpty()) {
                fail(summary + " (replay: -Dcrash.seed=" + seed + "; logs in " + dir + ")\n  "
                        + String.join("\n  ", findings));
            }
        } finally {
            TestPostgres.dropSchema(schema);
        }
    }

    /**
     * What the store still holds that the set check does not count, for the summary: letters by status other than
     * RESOLVED, and outbox rows per target.
     */
    private static String leftOver(Connection connection, String schema) throws java.sql.SQLException {
        List<String> parts = new ArrayList<>();
        try (java.sql.Statement statement = connection.createStatement()) {
            try (java.sql.ResultSet rows = statement.executeQuery("SELECT status, count(*) FROM " + schema
                    + ".dead_letter WHERE status <> 'RESOLVED' GROUP BY status ORDER BY status")) {
                while (rows.next()) {
                    parts.add("letters " + rows.getString(1) + " " + rows.getLong(2));
                }
            }
            try (java.sql.ResultSet rows = statement.executeQuery("SELECT target_system, count(*) FROM " + schema
                    + ".outbox GROUP BY target_system ORDER BY target_system")) {
                while (rows.next()) {
                    parts.add("outbox " + rows.getString(1) + " " + rows.getLong(2));
                }
            }
        }
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    /** One stagesync process of the several: its config (own admin port and instance id), log and admin API. */
    private static final class Instance {
        final StagesyncProcess process;
        final ServiceAdmin admin;
        final URI health;
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        Instance(String name, Path dir, VendorFakes fakes, Map<String, String> env, String token, String schema,
                 String bootstrap) throws IOException {
            int port = CrashRuns.freePort();
            Map<String, String> settings = new HashMap<>(CrashRuns.clusterSettings(name, dir, schema, bootstrap));
            if (bootstrap != null) {
                settings.put("stagesync.queue.kafka.partitions", "6");
                settings.put("stagesync.queue.kafka.consumers", "2");
            }
            settings.put("stagesync.cluster.check-millis", "500");
            settings.put("stagesync.cluster.shared-sends", System.getProperty("crash.shared-sends", "true"));
            // a new capture leader holds its own writes to that system while it catches up with it, as dead letters
            // replayed every retry-seconds (60 by default): replayed within the quiet period here
            settings.put("stagesync.dead-letters.retry-seconds", "2");
            Path config = fakes.writeConfig(dir.resolve(name + "-config"), settings, port);
            process = new StagesyncProcess(JAR, config, env, dir.resolve(name + ".log"));
            admin = new ServiceAdmin(port, token);
            health = URI.create("http://127.0.0.1:" + port + "/api/health");
        }

        /** Whether its health endpoint answers. */
        boolean answers() {
            try {
                return http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** The systems whose capture it leads now, as its health says (empty while it does not answer). */
        List<String> leads() {
            try {
                String body = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                int at = body.indexOf("\"leads\":[");
                if (at < 0) {
                    return List.of();
                }
                String list = body.substring(at + 9, body.indexOf(']', at));
                return list.isEmpty() ? List.of() : List.of(list.replace("\"", "").split(","));
            } catch (IOException e) {
                return List.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
    }

    /** Waits until every instance answers its health endpoint (started). */
    private static void awaitAnswering(List<Instance> instances) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (Instance instance : instances) {
            while (!instance.answers()) {
                requireRunning(instance);
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(instance.process.log() + " did not answer within "
                            + START_TIMEOUT.toSeconds() + " s:\n" + instance.process.logTail(60));
                }
                Thread.sleep(100);
            }
        }
    }

    /** Waits until the instances between them lead the captures of {@code systems}. */
    private static void awaitLeading(List<Instance> instances, List<String> systems) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            java.util.Set<String> led = new java.util.HashSet<>();
            for (Instance instance : instances) {
                requireRunning(instance);
                led.addAll(instance.leads());
            }
            if (led.containsAll(systems)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the survivors did not lead " + systems + " within "
                        + START_TIMEOUT.toSeconds() + " s:\n" + instances.get(0).process.logTail(60));
            }
            Thread.sleep(50);
        }
    }

    private static void requireRunning(Instance instance) {
        if (!instance.process.isAlive()) {
            throw new AssertionError("stagesync ended by itself (exit status " + instance.process.exitStatus()
                    + ") after start " + instance.process.starts() + ":\n" + instance.process.logTail(80));
        }
    }

}
