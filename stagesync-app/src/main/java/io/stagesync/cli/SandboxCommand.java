package io.stagesync.cli;

import io.stagesync.sandbox.Sandbox;
import io.stagesync.sandbox.SandboxException;
import io.stagesync.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sandbox}: the demo with no SaaS account: the service against built-in simulators and a story. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Runs stagesync against built-in simulators of Salesforce, NetSuite, Pardot and Eloqua holding a",
                "sample company, while a scripted story plays changes (handoffs, a refused handoff, recycling, deals",
                "won and lost, a renewal, a churn). Prints the dashboard address and a generated admin token.",
                "Runs until stopped with Ctrl-C; exit 1 when the port is taken or the config is bad."})
final class SandboxCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080",
            description = "Port of the dashboard and admin API on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--speed", defaultValue = "1",
            description = "How fast the story plays, 0.1..100 (default: ${DEFAULT-VALUE}: one change every 2 s).")
    double speed;

    @Option(names = "--rounds", defaultValue = "0",
            description = "Rounds of the story to play, each with other people; 0 = until stopped (default).")
    int rounds;

    @Option(names = "--config", paramLabel = "DIR", defaultValue = "config",
            description = "Where stage-model.yaml and mappings/ are read from (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--routes", paramLabel = "DIR", defaultValue = "routes",
            description = "Directory of Camel YAML routes (default: ${DEFAULT-VALUE}).")
    Path routes;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Empty or new directory for the sandbox's config and H2 state (default: a new temp dir).")
    Path dataDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(routes)) {
            spec.commandLine().getErr().println("error: routes directory not found: " + routes + " (pass --routes DIR)");
            return ExitCodes.INVALID;
        }
        SandboxOptions options;
        try {
            Path data = dataDir != null ? dataDir : Files.createTempDirectory("stagesync-sandbox-");
            options = new SandboxOptions(port, speed, rounds, config, routes, data);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(options, spec.commandLine().getOut());
        } catch (SandboxException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        spec.commandLine().getOut().println("Sandbox state and config: " + options.dataDir().toAbsolutePath()
                + " (Ctrl-C stops)");
        spec.commandLine().getOut().flush();
        sandbox.awaitStopped();
        return ExitCodes.OK;
    }
}
