package io.stagesync.bench;

import io.stagesync.config.StagesyncConfig;
import io.stagesync.sandbox.SandboxConfigWriter;
import io.stagesync.sandbox.SandboxWorld;
import io.stagesync.store.StateStore;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code bench-cdc}: how long a Salesforce edit takes to reach NetSuite, with Accounts streamed by Change Data
 * Capture and then, in the same run and on the same state, polled. The service runs as {@code run} runs it, against
 * the sandbox's simulators (the Salesforce one publishing its change events over its gRPC Pub/Sub bus), every call
 * answered after the latency. Creates the accounts, waits until each is a NetSuite customer, then edits each
 * account's phone once per phase, at a steady rate, and times each edit until the customer shows it (one copy of
 * the customer table every 20 ms, so a sample is late by up to that much plus the copy).
 */
public final class CdcLagBench {
    private static final List<String> CONNECTORS = List.of("salesforce", "netsuite");
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(10);

    /**
     * @param edits          accounts edited per phase (each once)
     * @param latencyMs      latency of every simulator call
     * @param pollSeconds    the poll period (the polled phase's, and the streamed phase's fallback)
     * @param editsPerSecond the edit rate
     */
    public record Options(int edits, int latencyMs, int pollSeconds, int editsPerSecond, Path configDir,
                          Path routesDir, Path dataDir) {
        public Options {
            Objects.requireNonNull(configDir, "configDir");
            Objects.requireNonNull(routesDir, "routesDir");
            Objects.requireNonNull(dataDir, "dataDir");
            List<String> problems = new ArrayList<>();
            BenchOptions.check(problems, "--edits", edits, 1, 100_000);
            BenchOptions.check(problems, "--latency-ms", latencyMs, 0, 10_000);
            BenchOptions.check(problems, "--poll-seconds", pollSeconds, 1, 300);
            BenchOptions.check(problems, "--rate", editsPerSecond, 1, 1_000);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        }
    }

    /** The lags of the two phases, ms. */
    public record Result(Percentiles streamed, Percentiles polled, int pollSeconds) {
        /** The last line printed: {@code LAG_CDC streamed_p50_ms=… … polled_p99_ms=… poll_seconds=…}. */
        public String resultLine() {
            return String.format(Locale.ROOT, "LAG_CDC edits=%d streamed_p50_ms=%d streamed_p95_ms=%d streamed_p99_ms=%d"
                            + " polled_p50_ms=%d polled_p95_ms=%d polled_p99_ms=%d poll_seconds=%d", streamed.count(),
                    streamed.p50(), streamed.p95(), streamed.p99(), polled.p50(), polled.p95(), polled.p99(),
                    pollSeconds);
        }
    }

    private final Options options;
    private final PrintWriter out;

    public CdcLagBench(Options options, PrintWriter out) {
        this.options = Objects.requireNonNull(options, "options");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Runs both phases and prints their lags; the last line is {@link Result#resultLine()}. */
    public Result run() throws IOException, InterruptedException {
        try (var files = Files.list(Files.createDirectories(options.dataDir()))) {
            if (files.findAny().isPresent()) {
                throw new BenchException(options.dataDir() + " is not empty: give an empty or new --data-dir", null);
            }
        }
        try (SandboxWorld world = SandboxWorld.start()) {
            Duration latency = Duration.ofMillis(options.latencyMs());
            world.salesforce().injectLatency(latency, latency);
            world.netsuite().injectLatency(latency, latency);
            List<String> accounts = new ArrayList<>();
            for (int i = 0; i < options.edits(); i++) {
                accounts.add(world.salesforce().create("Account", Map.of("Name",
                        String.format(Locale.ROOT, "Lag Account %07d", i), "Phone", phone(1, i))));
            }
            say("stagesync bench-cdc: %d Salesforce Accounts -> NetSuite customers, %d edits per phase at %d/s,"
                            + " latency %d ms per call, poll every %d s", options.edits(), options.edits(),
                    options.editsPerSecond(), options.latencyMs(), options.pollSeconds());
            Percentiles streamed = phase(world, accounts, true, 2);
            say("streamed (Change Data Capture)  %s", streamed);
            Percentiles polled = phase(world, accounts, false, 3);
            say("polled every %d s               %s", options.pollSeconds(), polled);
            Result result = new Result(streamed, polled, options.pollSeconds());
            say("%s", result.resultLine());
            return result;
        }
    }

    private Percentiles phase(SandboxWorld world, List<String> accounts, boolean streamed, int round)
            throws IOException, InterruptedException {
        Map<String, String> properties = new LinkedHashMap<>(world.connectorProperties(CONNECTORS));
        if (streamed) {
            properties.putAll(world.salesforce().changeDataCaptureProperties("Account"));
        }
        properties.put("stagesync.data-dir", options.dataDir().resolve("state").toAbsolutePath().toString());
        properties.put("stagesync.store.jdbc-url", "");
        properties.put("stagesync.connectors", String.join(",", CONNECTORS));
        properties.put("stagesync.sync.poll-seconds", String.valueOf(options.pollSeconds()));
        properties.put("stagesync.admin.enabled", "false");
        // as bench does for C = 10: the writes to NetSuite must not be what the lag measures
        properties.put("stagesync.netsuite.max-concurrent-calls", "10");
        properties.put("stagesync.salesforce.max-concurrent-calls", "10");
        Path configDir = SandboxConfigWriter.write(options.configDir(),
                options.dataDir().resolve(streamed ? "streamed" : "polled"), properties);
        StagesyncConfig config = StagesyncConfig.load(configDir, world.connectorEnv(CONNECTORS));
        try (StateStore store = JdbcStateStore.open(config.settings().storeSettings());
             EngineUnderTest engine = new EngineUnderTest(config, store, options.routesDir())) {
            engine.start(Duration.ofMinutes(5));
            long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
            List<String> customers = new ArrayList<>();
            for (String account : accounts) {
                String customer;
                while ((customer = world.netsuite().getByExternalId("customer", account)
                        .map(c -> String.valueOf(c.get("id"))).orElse(null)) == null) {
                    requireBefore(deadline, "the accounts to reach NetSuite");
                    Thread.sleep(50);
                }
                customers.add(customer);
            }
            if (streamed) {
                while (world.salesforce().pubSub().activeSubscriptions() == 0) {
                    requireBefore(deadline, "the Account change stream to be subscribed");
                    Thread.sleep(50);
                }
            }
            // let the initial writes' echoes and write-backs settle before timing
            Thread.sleep(Duration.ofSeconds(options.pollSeconds() + 2L).toMillis());
            return lags(world, accounts, customers, round, deadline);
        }
    }

    private Percentiles lags(SandboxWorld world, List<String> accounts, List<String> customers, int round,
                             long deadline) throws InterruptedException {
        int n = accounts.size();
        long[] changedAt = new long[n];
        long[] arrivedAt = new long[n];
        long start = System.nanoTime();
        long every = Duration.ofSeconds(1).toNanos() / options.editsPerSecond();
        int changed = 0;
        int arrived = 0;
        while (arrived < n) {
            while (changed < n && System.nanoTime() >= start + every * changed) {
                world.salesforce().update("Account", accounts.get(changed), Map.of("Phone", phone(round, changed)));
                changedAt[changed] = System.nanoTime();
                changed++;
            }
            if (arrived < changed) {
                // one copy of the table per check: a get per pending customer every few ms would hold the
                // simulator's lock so often that the benchmark, not the engine, set the lag
                Map<String, Object> phones = new java.util.HashMap<>();
                world.netsuite().list("customer").forEach(c -> phones.put(String.valueOf(c.get("id")), c.get("phone")));
                long now = System.nanoTime();
                for (int i = 0; i < changed; i++) {
                    if (arrivedAt[i] == 0 && phone(round, i).equals(phones.get(customers.get(i)))) {
                        arrivedAt[i] = now;
                        arrived++;
                    }
                }
            }
            requireBefore(deadline, "every edit to reach NetSuite (" + arrived + " of " + n + " did)");
            Thread.sleep(20);
        }
        List<Long> lags = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lags.add((arrivedAt[i] - changedAt[i]) / 1_000_000);
        }
        return Percentiles.of(lags);
    }

    private static String phone(int round, int i) {
        return String.format(Locale.ROOT, "+1 555 %02d%07d", round, i);
    }

    private static void requireBefore(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new BenchException("gave up waiting " + PHASE_TIMEOUT.toMinutes() + " min for " + what, null);
        }
    }

    private void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
