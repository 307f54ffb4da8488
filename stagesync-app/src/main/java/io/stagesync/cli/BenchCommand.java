package io.stagesync.cli;

import io.stagesync.bench.BenchException;
import io.stagesync.bench.BenchOptions;
import io.stagesync.bench.BenchRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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

    @CommandLine.Mixin
    BenchRunOptions run = new BenchRunOptions();

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
                    naiveRecords != null ? naiveRecords : BenchOptions.defaultNaiveRecords(records), pollSeconds, run.config,
                    run.routes, run.dataDir != null ? run.dataDir : Path.of("."));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        if (!run.routesFound(spec.commandLine().getErr())) {
            return ExitCodes.INVALID;
        }
        if (run.dataDir == null) {
            options = options.withDataDir(Files.createTempDirectory("stagesync-bench-"));
        }
        if (!verbose) {
            BenchRunOptions.quietLogs();
        }
        try {
            new BenchRunner(options, spec.commandLine().getOut()).run();
        } catch (BenchException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        return ExitCodes.OK;
    }
}
