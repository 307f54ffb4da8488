package io.stagesync.crash;

import io.stagesync.sandbox.netsuite.NetSuiteSimulator;
import io.stagesync.sandbox.pardot.PardotSimulator;
import io.stagesync.sandbox.salesforce.SalesforceSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The sandbox's stateful simulators of Salesforce, NetSuite and Account Engagement (Pardot), running in the test
 * JVM so they outlive every kill of the service, each answering late by a random latency per call. NetSuite stamps
 * changes with the clock's whole second as NetSuite does ({@link NetSuiteSimulator#stampWithClockSecond()}), so
 * same-second changes of lower ids happen as they do there.
 */
final class VendorFakes implements AutoCloseable {
    /** The environment variable the service's admin token is read from. */
    static final String ADMIN_TOKEN_ENV = "STAGESYNC_CRASH_TEST_ADMIN_TOKEN";

    private final SalesforceSimulator salesforce;
    private final NetSuiteSimulator netsuite;
    private final PardotSimulator pardot;

    /**
     * Fakes that serve calls concurrently only where the simulators' concurrency property is set
     * ({@link io.stagesync.sandbox.http.SimulatorServer#CONCURRENT_PROPERTY}: the benchmark sets it), else one call at
     * a time each (a second call waits for the first's answer).
     */
    VendorFakes(Duration minLatency, Duration maxLatency) {
        this(minLatency, maxLatency, Boolean.getBoolean(io.stagesync.sandbox.http.SimulatorServer.CONCURRENT_PROPERTY));
    }

    /**
     * @param concurrent serve calls in flight concurrently, as a vendor's API does: only then can two writes of one
     *                   record be in flight at once, and {@link #overlappingWrites} tell of them
     */
    VendorFakes(Duration minLatency, Duration maxLatency, boolean concurrent) {
        String property = io.stagesync.sandbox.http.SimulatorServer.CONCURRENT_PROPERTY;
        String before = System.getProperty(property);
        System.setProperty(property, String.valueOf(concurrent));
        try {
            salesforce = new SalesforceSimulator().start();
            netsuite = new NetSuiteSimulator().start().stampWithClockSecond();
            pardot = PardotSimulator.start(PardotSimulator.Options.defaults());
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
        salesforce.injectLatency(minLatency, maxLatency);
        netsuite.injectLatency(minLatency, maxLatency);
        pardot.injectLatency(minLatency, maxLatency);
    }

    /**
     * The records two of the service's calls wrote at once so far, in all three fakes: a write of a record sent
     * before the last one's answer came (see {@link io.stagesync.sandbox.http.SimulatorServer#overlappingWrites}).
     */
    List<String> overlappingWrites() {
        List<String> all = new java.util.ArrayList<>(salesforce.overlappingWrites());
        all.addAll(netsuite.overlappingWrites());
        all.addAll(pardot.overlappingWrites());
        return all;
    }

    SalesforceSimulator salesforce() {
        return salesforce;
    }

    NetSuiteSimulator netsuite() {
        return netsuite;
    }

    PardotSimulator pardot() {
        return pardot;
    }

    /** The secrets the connector properties refer to ({@code ${env:…}}), for the child's environment. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>(salesforce.env());
        env.putAll(netsuite.env());
        env.putAll(pardot.environment());
        return env;
    }

    /**
     * Writes a config directory as an admin would: the shipped stage model and mappings, and an
     * application.properties running the three connectors against the fakes, polling every second in pages of 50
     * (unless {@code store} names another {@code stagesync.sync.page-size}),
     * with the given state store and the admin API on a loopback port.
     *
     * @param store     the {@code stagesync.store.*} and {@code stagesync.data-dir} lines
     * @param adminPort the admin API's port; its token is read from {@value #ADMIN_TOKEN_ENV}
     */
    Path writeConfig(Path dir, Map<String, String> store, int adminPort) throws IOException {
        Path config = Files.createDirectories(dir);
        Files.copy(Path.of("config/stage-model.yaml"), config.resolve("stage-model.yaml"));
        Path mappings = Files.createDirectories(config.resolve("mappings"));
        try (Stream<Path> files = Files.list(Path.of("config/mappings"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, mappings.resolve(file.getFileName()));
            }
        }
        Map<String, String> lines = new TreeMap<>(store);
        lines.put("stagesync.connectors", "salesforce,netsuite,pardot");
        lines.put("stagesync.sync.poll-seconds", "1");
        // small pages: the watermark moves between kills
        lines.putIfAbsent("stagesync.sync.page-size", "50");
        lines.put("stagesync.heartbeat.period-seconds", "60");
        lines.put("stagesync.admin.enabled", "true");
        lines.put("stagesync.admin.host", "127.0.0.1");
        lines.put("stagesync.admin.port", String.valueOf(adminPort));
        lines.put("stagesync.admin.token", "${env:" + ADMIN_TOKEN_ENV + "}");
        lines.putAll(salesforce.properties());
        lines.putAll(netsuite.properties());
        lines.putAll(pardot.applicationProperties());
        StringBuilder text = new StringBuilder("# written by the kill -9 crash test\n");
        lines.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        Files.writeString(config.resolve("application.properties"), text.toString());
        return config;
    }

    /** A hash of every record the check looks at: it stays the same while nothing is written. */
    int fingerprint() {
        return List.of(salesforce.list("Account"), salesforce.list("Lead"), netsuite.list("customer"),
                pardot.prospects()).hashCode();
    }

    @Override
    public void close() {
        salesforce.close();
        netsuite.close();
        pardot.close();
    }
}
