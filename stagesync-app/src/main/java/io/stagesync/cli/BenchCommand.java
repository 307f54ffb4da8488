package io.stagesync.cli;

import ch.qos.logback.classic.Level;
import io.stagesync.bench.BenchException;
import io.stagesync.bench.BenchOptions;
import io.stagesync.bench.BenchRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench}: the service against the simulators with latency, measured against the API limit and a naive loop. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures stagesync against built-in simulators of Salesforce, NetSuite and Pardot that answer",
                "every call after --latency-ms: N Salesforce Accounts -> NetSuite customers and N Pardot prospects",
                "-> Salesforce Leads, then a 1 %% incremental change, idle polls, and a naive loop (one read and one",
                "write call per record) on the same simulators. Prints a table; the last line starts with RESULT.",
                "See docs/benchmarks.md. Exit 1 when the options are bad or the run does not finish."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--records", paramLabel = "N", defaultValue = "1000",
            description = "Records per leg (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--latency-ms", paramLabel = "L", defaultValue = "100",
            description = "Latency of every simulator call, ms (default: ${DEFAULT-VALUE}).")
    int latencyMs;

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "10",
            description = "Calls in flight an API allows, for the limit R = C x records per call / L "
                    + "(default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--naive-records", paramLabel = "M",
            description = "Records per leg the naive loop moves (default: N, at most "
                    + BenchOptions.DEFAULT_NAIVE_RECORDS + ").")
    Integer naiveRecords;

    @Option(names = "--poll-seconds", paramLabel = "S", defaultValue = "1",
            description = "Sync poll period, s (default: ${DEFAULT-VALUE}).")
    int pollSeconds;

    @Option(names = "--config", paramLabel = "DIR", defaultValue = "config",
            description = "Where stage-model.yaml and mappings/ are read from (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--routes", paramLabel = "DIR", defaultValue = "routes",
            description = "Directory of Camel YAML routes (default: ${DEFAULT-VALUE}).")
    Path routes;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Empty or new directory for the run's config and H2 state (default: a new temp dir).")
    Path dataDir;

    @Option(names = "--verbose", description = "Keep the service's INFO log (default: warnings only).")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        System.setProperty(io.stagesync.sandbox.http.SimulatorServer.CONCURRENT_PROPERTY, "true");
        BenchOptions options;
        try {
            options = new BenchOptions(records, latencyMs, concurrency,
                    naiveRecords != null ? naiveRecords : BenchOptions.defaultNaiveRecords(records), pollSeconds, config,
                    routes, dataDir != null ? dataDir : Path.of("."));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        if (!Files.isDirectory(routes)) {
            spec.commandLine().getErr().println("error: routes directory not found: " + routes + " (pass --routes DIR)");
            return ExitCodes.INVALID;
        }
        if (dataDir == null) {
            options = options.withDataDir(Files.createTempDirectory("stagesync-bench-"));
        }
        if (!verbose) {
            quietLogs();
        }
        try {
            new BenchRunner(options, spec.commandLine().getOut()).run();
        } catch (BenchException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        return ExitCodes.OK;
    }

    private static void quietLogs() {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(Level.WARN);
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.camel")).setLevel(Level.WARN);
        }
    }
}
