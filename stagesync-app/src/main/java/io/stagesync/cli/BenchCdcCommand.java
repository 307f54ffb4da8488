package io.stagesync.cli;

import io.stagesync.bench.BenchException;
import io.stagesync.bench.CdcLagBench;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench-cdc}: the lag of a Salesforce edit reaching NetSuite, streamed by Change Data Capture and polled. */
@Command(name = "bench-cdc", mixinStandardHelpOptions = true,
        description = {"Measures how long a Salesforce Account edit takes to reach its NetSuite customer, against the",
                "built-in simulators answering every call after --latency-ms: first with Accounts streamed by Change",
                "Data Capture (the simulator's gRPC Pub/Sub bus), then polled every --poll-seconds, in one run.",
                "Prints p50/p95/p99 per phase; the last line starts with LAG_CDC. See docs/benchmarks.md."})
final class BenchCdcCommand implements Callable<Integer> {
    @Option(names = "--edits", paramLabel = "N", defaultValue = "1000",
            description = "Accounts edited per phase, each once (default: ${DEFAULT-VALUE}).")
    int edits;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "10",
            description = "Edits per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--latency-ms", paramLabel = "L", defaultValue = "100",
            description = "Latency of every simulator call, ms (default: ${DEFAULT-VALUE}).")
    int latencyMs;

    @Option(names = "--poll-seconds", paramLabel = "S", defaultValue = "10",
            description = "Poll period of the polled phase (and the streamed phase's fallback), s "
                    + "(default: ${DEFAULT-VALUE}).")
    int pollSeconds;

    @CommandLine.Mixin
    BenchRunOptions run = new BenchRunOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CdcLagBench.Options options;
        try {
            options = new CdcLagBench.Options(edits, latencyMs, pollSeconds, rate, run.config, run.routes,
                    run.dataDir != null ? run.dataDir : Files.createTempDirectory("stagesync-bench-cdc-"));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        if (!run.routesFound(spec.commandLine().getErr())) {
            return ExitCodes.INVALID;
        }
        BenchRunOptions.quietLogs();
        try {
            new CdcLagBench(options, spec.commandLine().getOut()).run();
        } catch (BenchException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        return ExitCodes.OK;
    }
}
