package io.stagesync.bench;

import io.stagesync.app.StandaloneEngine;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One benchmark run: the sandbox's simulators (Salesforce, NetSuite, Pardot) with the latency of the options, the
 * service as {@code run} assembles it, then in order: the bulk (N accounts and N prospects made at their sources,
 * timed until each reached its target and no more writes follow), the incremental load (1 % of each changed,
 * spread over two polls, each timed until it arrived), idle polls (calls counted), and, with the service stopped,
 * the {@link NaiveLoop} on records of its own. Prints progress and the report to {@code out}; the last line is
 * {@link BenchResult#resultLine()}.
 */
public final class BenchRunner {
    static final List<String> CONNECTORS = List.of("salesforce", "netsuite", "pardot");
    /** Records per Salesforce sObject Collections call and per Salesforce query page. */
    static final int SALESFORCE_RECORDS_PER_CALL = 200;
    /** The least a bulk may take before the benchmark gives up (see {@link BenchResult#bulkTimeout}). */
    private static final Duration MIN_BULK_TIMEOUT = Duration.ofMinutes(60);
    private static final Duration LAG_TIMEOUT = Duration.ofMinutes(5);
    private static final int IDLE_POLLS = 3;

    private final BenchOptions options;
    private final PrintWriter out;

    public BenchRunner(BenchOptions options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    /** Runs it all; the result is also printed. */
    public BenchResult run() throws IOException, InterruptedException {
        requireEmpty(options.dataDir());
        try (SandboxWorld world = SandboxWorld.start()) {
            Duration latency = Duration.ofMillis(options.latencyMs());
            world.salesforce().injectLatency(latency, latency);
            world.netsuite().injectLatency(latency, latency);
            world.pardot().injectLatency(latency, latency);
            Path configDir = SandboxConfigWriter.write(options.configDir(), options.dataDir(), properties(world));
            Map<String, String> env = world.connectorEnv(CONNECTORS);
            StagesyncConfig config = StagesyncConfig.load(configDir, env);
            try (StateStore store = JdbcStateStore.open(config.settings().storeSettings())) {
                return run(world, config, store);
            }
        }
    }

    private BenchResult run(SandboxWorld world, StagesyncConfig config, StateStore store)
            throws InterruptedException {
        int n = options.records();
        say("simulators up (latency %d ms per call); starting the service (poll every %d s)", options.latencyMs(),
                options.pollSeconds());
        Workload bulk = new Workload(world, "bench");
        Bulk measured;
        Percentiles accountLags;
        Percentiles prospectLags;
        Map<String, Calls> idle;
        try (EngineUnderTest engine = new EngineUnderTest(config, store, options.routesDir())) {
            engine.start(Duration.ofMinutes(2));
            measured = bulk(world, bulk, n);
            say("incremental: %d accounts and %d prospects changed over %d s", options.incrementalRecords(),
                    options.incrementalRecords(), 2 * options.pollSeconds());
            Lags lags = incremental(bulk);
            accountLags = Percentiles.of(lags.accounts());
            prospectLags = Percentiles.of(lags.prospects());
            idle = idle(world, engine);
        }
        say("service stopped; naive loop on %d records per leg", options.naiveRecords());
        Workload naiveRecords = new Workload(world, "naive");
        naiveRecords.create(options.naiveRecords());
        NaiveLoop.Outcome naiveAccounts;
        NaiveLoop.Outcome naiveProspects;
        try (StandaloneEngine connectors = StandaloneEngine.start(config, store)) {
            NaiveLoop naive = new NaiveLoop(connectors.connectors());
            naiveAccounts = naive.accountsToCustomers(naiveRecords.accountIds());
            naiveProspects = naive.prospectsToLeads(naiveRecords.prospectIds());
        }
        int netsuiteCalls = inFlight("netsuite");
        int pardotCalls = inFlight("pardot");
        int l = options.latencyMs();
        BenchResult.Leg accounts = new BenchResult.Leg("accounts->customers", n, measured.accountsSeconds(),
                BenchResult.limit(netsuiteCalls, 1, l), "NetSuite REST record write, 1 record/call x " + netsuiteCalls + " in flight",
                naiveAccounts.records(), naiveAccounts.seconds());
        BenchResult.Leg prospects = new BenchResult.Leg("prospects->leads", n, measured.prospectsSeconds(),
                BenchResult.limit(pardotCalls, 1, l), "Pardot v5 stage write-back, 1 record/call x " + pardotCalls + " in flight"
                + " (Lead writes: Collections of " + SALESFORCE_RECORDS_PER_CALL + ")",
                naiveProspects.records(), naiveProspects.seconds());
        List<BenchResult.Leg> legs = List.of(accounts, prospects);
        double moved = 2.0 * n;
        BenchResult result = new BenchResult(n, BenchResult.bindingLeg(legs), legs,
                measured.calls().total("salesforce") * 1000.0 / moved,
                measured.usage().engineCpuNanos() / 1000.0 / moved,
                measured.usage().peakHeapBytes() / (1024.0 * 1024.0));
        report(result, measured, naiveAccounts, naiveProspects, accountLags, prospectLags, idle);
        return result;
    }

    /** What the bulk window measured. */
    private record Bulk(double accountsSeconds, double prospectsSeconds, double quietSeconds, Calls calls,
                        ResourceMeter.Usage usage) {
    }

    private Bulk bulk(SandboxWorld world, Workload bulk, int n) throws InterruptedException {
        ResourceMeter meter = new ResourceMeter();
        Map<String, Map<String, Long>> before = counts(world);
        meter.start();
        long start = System.nanoTime();
        bulk.create(n);
        say("bulk: %d accounts and %d prospects created in %.2f s; waiting for every record at its target", n, n,
                (System.nanoTime() - start) / 1e9);
        long accountsDone = 0;
        long prospectsDone = 0;
        Duration timeout = BenchResult.bulkTimeout(n, Math.min(BenchResult.limit(inFlight("netsuite"), 1,
                options.latencyMs()), BenchResult.limit(inFlight("pardot"), 1, options.latencyMs())), MIN_BULK_TIMEOUT);
        long deadline = start + timeout.toNanos();
        long lastReport = start;
        while (accountsDone == 0 || prospectsDone == 0) {
            Thread.sleep(options.records() > 2000 ? 500 : 100);
            long now = System.nanoTime();
            int customers = bulk.customersArrived();
            int leads = bulk.leadsArrived();
            if (accountsDone == 0 && customers >= n) {
                accountsDone = now;
            }
            // the prospects leg ends when its last write, the stage written back to Pardot, has landed too
            int writtenBack = leads >= n && prospectsDone == 0 ? bulk.stagesWrittenBack() : 0;
            if (prospectsDone == 0 && leads >= n && writtenBack >= n) {
                prospectsDone = now;
            }
            if (now - lastReport > 30_000_000_000L) {
                say("  %.0f s: %d/%d customers, %d/%d leads%s", (now - start) / 1e9, customers, n, leads, n,
                        leads >= n && prospectsDone == 0 ? ", " + writtenBack + "/" + n + " stages written back" : "");
                lastReport = now;
            }
            if (now > deadline) {
                throw new BenchException("after " + timeout.toMinutes() + " min only " + customers + " of " + n
                        + " customers and " + leads + " of " + n + " leads arrived (" + bulk.stagesWrittenBack()
                        + " stages written back to Pardot)", null);
            }
        }
        // the bulk's own follow-up writes (links written back to the sources) belong to it: wait until none come
        long quiet = awaitNoWrites(world);
        Calls calls = Calls.between(before, counts(world));
        ResourceMeter.Usage usage = meter.stop();
        return new Bulk((accountsDone - start) / 1e9, (prospectsDone - start) / 1e9, (quiet - start) / 1e9, calls,
                usage);
    }

    /** Waits until two poll periods pass with no write call to any simulator; returns when the last one was seen. */
    private long awaitNoWrites(SandboxWorld world) throws InterruptedException {
        long window = Duration.ofSeconds(2L * options.pollSeconds()).toNanos() + 500_000_000L;
        long writes = writes(world);
        long lastChange = System.nanoTime();
        while (System.nanoTime() - lastChange < window) {
            Thread.sleep(100);
            long now = writes(world);
            if (now != writes) {
                writes = now;
                lastChange = System.nanoTime();
            }
        }
        return lastChange;
    }

    private static long writes(SandboxWorld world) {
        Calls all = Calls.between(Map.of(), counts(world));
        return CONNECTORS.stream().mapToLong(all::writes).sum();
    }

    /** Lags of the incremental changes, ms, per leg. */
    private record Lags(List<Long> accounts, List<Long> prospects) {
    }

    private Lags incremental(Workload bulk) throws InterruptedException {
        int k = options.incrementalRecords();
        int n = options.records();
        List<String> accounts = new ArrayList<>();
        List<String> customers = new ArrayList<>();
        List<Long> prospects = new ArrayList<>();
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int index = (int) ((long) i * n / k);
            String account = bulk.accountIds().get(index);
            long prospect = bulk.prospectIds().get(index);
            accounts.add(account);
            customers.add(bulk.customerOf(account).orElseThrow());
            prospects.add(prospect);
            leads.add(bulk.leadOf(prospect).orElseThrow());
        }
        long spread = Duration.ofSeconds(2L * options.pollSeconds()).toNanos();
        long[] changedAt = new long[2 * k];
        long[] arrivedAt = new long[2 * k];
        long start = System.nanoTime();
        int changed = 0;
        int arrived = 0;
        long deadline = start + spread + LAG_TIMEOUT.toNanos();
        while (arrived < 2 * k) {
            long now = System.nanoTime();
            while (changed < k && now >= start + spread * changed / k) {
                bulk.changeAccountPhone(accounts.get(changed), phone(changed));
                changedAt[changed] = System.nanoTime();
                bulk.changeProspectScore(prospects.get(changed), score(changed));
                changedAt[k + changed] = System.nanoTime();
                changed++;
            }
            for (int i = 0; i < changed; i++) {
                if (arrivedAt[i] == 0 && bulk.customerHasPhone(customers.get(i), phone(i))) {
                    arrivedAt[i] = System.nanoTime();
                    arrived++;
                }
                if (arrivedAt[k + i] == 0 && bulk.leadHasScore(leads.get(i), score(i))) {
                    arrivedAt[k + i] = System.nanoTime();
                    arrived++;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new BenchException("after " + LAG_TIMEOUT.toMinutes() + " min only " + arrived + " of " + 2 * k
                        + " incremental changes arrived", null);
            }
            Thread.sleep(20);
        }
        Lags lags = new Lags(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < 2 * k; i++) {
            (i < k ? lags.accounts() : lags.prospects()).add((arrivedAt[i] - changedAt[i]) / 1_000_000);
        }
        return lags;
    }

    private static String phone(int i) {
        return String.format(Locale.ROOT, "+1 555 02%07d", i);
    }

    private static int score(int i) {
        return Workload.QUALIFYING_SCORE + 1 + i % 19;
    }

    /** Calls during {@value #IDLE_POLLS} polls of each system with nothing changed: per system, for that many polls. */
    private Map<String, Calls> idle(SandboxWorld world, EngineUnderTest engine) throws InterruptedException {
        awaitNoWrites(world);
        Map<String, Instant> seen = new HashMap<>();
        engine.systems().forEach(s -> seen.put(s, engine.lastPoll(s)));
        Map<String, Integer> polls = new HashMap<>();
        Map<String, Map<String, Long>> before = counts(world);
        Map<String, Calls> perSystem = new LinkedHashMap<>();
        Set<String> done = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds((IDLE_POLLS + 2L) * options.pollSeconds() + 60).toNanos();
        // count from the first poll completed after this point
        while (done.size() < engine.systems().size() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            for (String system : engine.systems()) {
                Instant last = engine.lastPoll(system);
                if (done.contains(system) || last == null || last.equals(seen.get(system))) {
                    continue;
                }
                seen.put(system, last);
                int count = polls.merge(system, 1, Integer::sum);
                if (count == 1) {
                    before.put(system, counts(world).get(system));
                } else if (count == IDLE_POLLS + 1) {
                    perSystem.put(system, Calls.between(Map.of(system, before.get(system)),
                            Map.of(system, counts(world).get(system))));
                    done.add(system);
                }
            }
        }
        return perSystem;
    }

    private static Map<String, Map<String, Long>> counts(SandboxWorld world) {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        counts.put("salesforce", world.salesforce().requestCountsByRoute());
        counts.put("netsuite", world.netsuite().requestCountsByRoute());
        counts.put("pardot", world.pardot().requestCountsByRoute());
        return counts;
    }

    private void report(BenchResult result, Bulk bulk, NaiveLoop.Outcome naiveAccounts,
                        NaiveLoop.Outcome naiveProspects, Percentiles accountLags, Percentiles prospectLags,
                        Map<String, Calls> idle) {
        int n = options.records();
        out.println();
        say("stagesync bench: N=%d per leg, latency %d ms, concurrency %d, poll %d s, naive %d per leg", n,
                options.latencyMs(), options.concurrency(), options.pollSeconds(), options.naiveRecords());
        result.legTable().forEach(out::println);
        say("bulk window (first record created .. no more writes): %.2f s", bulk.quietSeconds());
        for (String system : CONNECTORS) {
            say("  %-10s %6d calls (%.2f per 1000 records moved), %d writes; by route:", system,
                    bulk.calls().total(system), bulk.calls().total(system) * 1000.0 / (2.0 * n),
                    bulk.calls().writes(system));
            bulk.calls().bySystem().getOrDefault(system, Map.of())
                    .forEach((route, count) -> say("      %7d  %s", count, route));
        }
        say("CPU in the bulk window: process %.0f ms, engine side %.0f ms (%.0f us per record moved); "
                        + "peak heap %.0f MB", bulk.usage().processCpuNanos() / 1e6, bulk.usage().engineCpuNanos() / 1e6,
                result.cpuUsPerRecord(), result.peakHeapMb());
        say("naive loop: accounts %d in %.2f s (%d failed), prospects %d in %.2f s (%d failed)",
                naiveAccounts.records(), naiveAccounts.seconds(), naiveAccounts.failed(), naiveProspects.records(),
                naiveProspects.seconds(), naiveProspects.failed());
        say("lag of a 1%% incremental change (change at the source .. value at the target):");
        say("  accounts->customers  %s", accountLags);
        say("  prospects->leads     %s", prospectLags);
        say("idle polls (%d per system, nothing changed):", IDLE_POLLS);
        idle.forEach((system, calls) -> say("  %-10s %.1f calls per poll, %d writes; by method %s", system,
                calls.total(system) / (double) IDLE_POLLS, calls.writes(system), calls.byMethod(system)));
        say("LAG accounts_p50_ms=%d accounts_p95_ms=%d accounts_p99_ms=%d prospects_p50_ms=%d prospects_p95_ms=%d "
                        + "prospects_p99_ms=%d", accountLags.p50(), accountLags.p95(), accountLags.p99(),
                prospectLags.p50(), prospectLags.p95(), prospectLags.p99());
        out.println(result.resultLine());
        out.flush();
    }

    private Map<String, String> properties(SandboxWorld world) {
        Map<String, String> p = new LinkedHashMap<>(world.connectorProperties(CONNECTORS));
        p.put("stagesync.data-dir", options.dataDir().resolve("state").toAbsolutePath().toString());
        p.put("stagesync.store.jdbc-url", "");
        p.put("stagesync.connectors", String.join(",", CONNECTORS));
        p.put("stagesync.sync.poll-seconds", String.valueOf(options.pollSeconds()));
        p.put("stagesync.heartbeat.period-seconds", "60");
        p.put("stagesync.admin.enabled", "false");
        for (String system : CONNECTORS) {
            // the engine may keep as many calls in flight as the limit it is measured against assumes
            p.put(maxConcurrentCallsKey(system), String.valueOf(inFlight(system)));
        }
        return p;
    }

    private static String maxConcurrentCallsKey(String system) {
        return "stagesync." + system + ".max-concurrent-calls";
    }

    /** The calls a system may have in flight: C, within what the vendor allows (Pardot: 5). */
    private int inFlight(String system) {
        String key = maxConcurrentCallsKey(system);
        long most = io.stagesync.connector.spi.SystemConnectors.installed().get(system).stream()
                .flatMap(c -> c.settings().stream()).filter(s -> s.key().equals(key) && s.max() != null)
                .mapToLong(io.stagesync.settings.Setting::max).findFirst().orElse(options.concurrency());
        return (int) Math.min(options.concurrency(), most);
    }

    private void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    private static void requireEmpty(Path dataDir) throws IOException {
        if (Files.isDirectory(dataDir)) {
            try (var entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    throw new BenchException("the data directory " + dataDir.toAbsolutePath() + " is not empty: a "
                            + "benchmark starts from fresh state (pass another --data-dir or remove it)", null);
                }
            }
        }
    }
}
