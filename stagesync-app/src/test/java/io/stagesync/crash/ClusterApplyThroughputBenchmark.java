package io.stagesync.crash;

import io.stagesync.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.junit.jupiter.api.Test;

/**
 * The apply throughput of 1, 2 and 3 instances in cluster mode on the Kafka queue (issue #15's benchmark line), a
 * harness run on demand, never part of the test suite (failsafe runs only {@code *IT} unless a class is named):
 * <pre>
 * ./mvnw -B verify -pl stagesync-app -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=ClusterApplyThroughputBenchmark [-Dbench.records=3000] [-Dbench.latency-ms=100] \
 *     [-Dbench.instances=1,2,3] [-Dbench.netsuite-calls=4] [-Dbench.shared-sends=true]
 * </pre>
 * Per instance count: the sandbox's simulators of Salesforce, NetSuite and Pardot answering every call after the
 * latency (serving calls concurrently, as the {@code bench} command's do), a new PostgreSQL schema, a new topic and consumer group on a 3-broker KRaft cluster in this JVM, and that
 * many packaged {@code stagesync.jar} processes (pages of 200; the JVM as an admin runs it, not the crash tests'
 * quick-boot one). Once every instance answers and every capture is led, W warm-up Accounts ({@code -Dbench.warm-up},
 * 1,000: the JIT compiles the hot paths meanwhile, which on two CPUs took most of a fresh instance's first
 * minutes) are created and synced unmeasured; then N Salesforce Accounts are created at once, as users would; the
 * time runs until NetSuite holds their N customers too (records_per_s: from the creation, pipeline fill and tail
 * included), and the steady rate is timed from the 10th to the 90th percent of them arriving.
 * The limit is NetSuite's: {@code stagesync.netsuite.max-concurrent-calls} calls in flight (4 by default, as
 * NetSuite's own default account limit) at the latency, and every write to NetSuite goes from the instance leading
 * its capture.
 * Prints one {@code BENCH_CLUSTER} line per count; nothing is asserted but that the run finished.
 */
class ClusterApplyThroughputBenchmark {
    private static final List<String> SYSTEMS = List.of("salesforce", "netsuite", "pardot");

    @Test
    void applyThroughputWithOneTwoAndThreeInstances() throws Exception {
        int records = Integer.getInteger("bench.records", 3_000);
        long latency = Long.getLong("bench.latency-ms", 100);
        int netsuiteCalls = Integer.getInteger("bench.netsuite-calls", 4);
        List<Integer> counts = java.util.Arrays.stream(System.getProperty("bench.instances", "1,2,3").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        // simulators serve calls concurrently, as the bench command's do (one worker by default: see SimulatorServer)
        System.setProperty(io.stagesync.sandbox.http.SimulatorServer.CONCURRENT_PROPERTY, "true");
        List<String> lines = new ArrayList<>();
        try (KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(3).setNumControllerNodes(3).build())
                .setConfigProp("offsets.topic.replication.factor", "3")
                .setConfigProp("group.initial.rebalance.delay.ms", "0").build()) {
            kafka.format();
            kafka.startup();
            kafka.waitForReadyBrokers();
            for (int count : counts) {
                String line = run(kafka.bootstrapServers(), count, records, latency, netsuiteCalls);
                System.out.println(line);
                lines.add(line);
            }
        }
        lines.forEach(System.out::println);
    }

    private static String run(String bootstrap, int count, int records, long latency, int netsuiteCalls)
            throws Exception {
        Path dir = CrashRuns.runDir("bench-" + count, System.nanoTime());
        String schema = TestPostgres.newSchema();
        List<StagesyncProcess> processes = new ArrayList<>();
        try (VendorFakes fakes = new VendorFakes(Duration.ofMillis(latency), Duration.ofMillis(latency))) {
            String token = CrashRuns.adminToken();
            Map<String, String> env = CrashRuns.clusterEnvironment(fakes, token);
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = "instance-" + (char) ('a' + i);
                int port = CrashRuns.freePort();
                Map<String, String> settings = new HashMap<>(CrashRuns.clusterSettings(name, dir, schema, bootstrap));
                settings.put("stagesync.queue.kafka.topic", "bench-" + count + "-" + schema);
                settings.put("stagesync.queue.kafka.group-id", "bench-" + count + "-" + schema);
                settings.put("stagesync.queue.kafka.partitions", "12");
                settings.put("stagesync.sync.page-size", "200");
                settings.put("stagesync.netsuite.max-concurrent-calls", String.valueOf(netsuiteCalls));
                settings.put("stagesync.cluster.shared-sends", System.getProperty("bench.shared-sends", "true"));
                Path config = fakes.writeConfig(dir.resolve(name + "-config"), settings, port);
                processes.add(new StagesyncProcess(Path.of(System.getProperty("stagesync.jar", "target/stagesync.jar")),
                        config, env, dir.resolve(name + ".log"), jvmOptions()));
                ports.add(port);
            }
            for (StagesyncProcess process : processes) {
                process.start();
            }
            awaitLed(ports, processes);
            int warmUp = Integer.getInteger("bench.warm-up", 1_000);
            createAndAwait(fakes, processes, 0, warmUp);
            long began = System.nanoTime();
            long[] tenthAndNinetieth = createAndAwait(fakes, processes, warmUp, records);
            double seconds = (System.nanoTime() - began) / 1e9;
            double steady = 0.8 * records / ((tenthAndNinetieth[1] - tenthAndNinetieth[0]) / 1e9);
            double limit = netsuiteCalls * 1000.0 / latency;
            return String.format(java.util.Locale.ROOT, "BENCH_CLUSTER instances=%d records=%d latency_ms=%d "
                    + "seconds=%.1f records_per_s=%.1f steady_records_per_s=%.1f netsuite_limit_per_s=%.0f "
                    + "ratio_to_limit=%.3f steady_ratio=%.3f (accounts→customers, Kafka queue, 12 partitions, after "
                    + "%d warm-up records; steady = the 10th to the 90th percent of the customers)", count, records,
                    latency, seconds, records / seconds, steady, limit, records / seconds / limit, steady / limit,
                    warmUp);
        } finally {
            for (StagesyncProcess process : processes) {
                process.close();
            }
            TestPostgres.dropSchema(schema);
        }
    }

    /**
     * Creates {@code count} Salesforce Accounts at once, numbered from {@code first}, and waits until NetSuite holds
     * a customer for each one created so far.
     *
     * @return when (nanoTime) NetSuite held 10 % and 90 % of the new ones
     */
    private static long[] createAndAwait(VendorFakes fakes, List<StagesyncProcess> processes, int first, int count)
            throws InterruptedException {
        long[] tenthAndNinetieth = new long[2];
        for (int i = first; i < first + count; i++) {
            fakes.salesforce().create("Account", Map.of("Name", "Bench Account " + i + " Ltd",
                    "Phone", "+1 555 " + String.format("%06d", i)));
        }
        int records = first + count;
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        int customers;
        while ((customers = fakes.netsuite().list("customer").size()) < records) {
            if (tenthAndNinetieth[0] == 0 && customers >= first + count / 10) {
                tenthAndNinetieth[0] = System.nanoTime();
            }
            if (tenthAndNinetieth[1] == 0 && customers >= first + count * 9 / 10) {
                tenthAndNinetieth[1] = System.nanoTime();
            }
            processes.forEach(p -> {
                if (!p.isAlive()) {
                    throw new AssertionError("an instance ended by itself:\n" + p.logTail(60));
                }
            });
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + customers + " of " + records + " customers after 30 minutes");
            }
            Thread.sleep(200);
        }
        long now = System.nanoTime();
        for (int i = 0; i < 2; i++) {
            tenthAndNinetieth[i] = tenthAndNinetieth[i] == 0 ? now : tenthAndNinetieth[i];
        }
        return tenthAndNinetieth;
    }

    /**
     * The instances' JVM options: as an admin runs the jar (the default JIT; a heap of 1 GiB), plus
     * {@code -Dbench.jvm-options} split at spaces (e.g. {@code -Dlogback.configurationFile=…} for a Sender's
     * DEBUG timings).
     */
    private static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx1g"));
        String extra = System.getProperty("bench.jvm-options", "").trim();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options;
    }

    /** Waits until every instance answers its health and the instances between them lead every capture. */
    private static void awaitLed(List<Integer> ports, List<StagesyncProcess> processes) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            java.util.Set<String> led = new java.util.HashSet<>();
            int answering = 0;
            for (int port : ports) {
                try {
                    String body = http.send(java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://127.0.0.1:" + port + "/api/health")).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                    answering++;
                    for (String system : SYSTEMS) {
                        if (body.matches("(?s).*\"leads\":\\[[^]]*\"" + system + "\".*")) {
                            led.add(system);
                        }
                    }
                } catch (java.io.IOException e) {
                    // not up yet
                }
            }
            if (answering == ports.size() && led.containsAll(SYSTEMS)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the instances did not start and lead every capture within 2 minutes:\n"
                        + processes.get(0).logTail(60));
            }
            Thread.sleep(200);
        }
    }
}
