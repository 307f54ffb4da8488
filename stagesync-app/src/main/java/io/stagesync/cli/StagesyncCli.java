package io.stagesync.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stagesync} command line: one jar, one subcommand per job.
 *
 * <p>Exit codes are in {@link ExitCodes}. Unexpected failures print one line naming the
 * problem (no stack trace) and exit with {@link ExitCodes#INVALID}.
 */
@Command(name = "stagesync", mixinStandardHelpOptions = true, version = "stagesync 0.1.0",
        description = "Keeps Salesforce, Eloqua/Pardot and NetSuite on one lifecycle stage model.",
        subcommands = {ValidateCommand.class, GateCommand.class, RunCommand.class, SandboxCommand.class, BenchCommand.class, BenchCdcCommand.class, ReconcileCommand.class,
                ReplayCommand.class, CommandLine.HelpCommand.class})
public final class StagesyncCli implements Runnable {
    private final Map<String, String> env;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    StagesyncCli(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The environment the commands read settings and secrets from. */
    Map<String, String> env() {
        return env;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
    }

    /**
     * Runs the CLI with the given streams and environment (what {@link #main} does with the real ones).
     *
     * @return the exit code
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        CommandLine cli = new CommandLine(new StagesyncCli(env));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            commandLine.getErr().flush();
            return ExitCodes.INVALID;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
