package io.stagesync.cli;

import io.stagesync.config.StagesyncConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code validate}: checks a config directory and reports every error at once. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks the configuration: stage model, conditions, mappings, targets and settings.",
                "Exit 0 and a one-line summary when valid; exit 1 and every error (file:line: entry: reason) otherwise."})
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @CommandLine.ParentCommand
    StagesyncCli parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        StagesyncConfig loaded = config.loadOrReport(parent.env(), spec.commandLine().getErr());
        if (loaded == null) {
            return ExitCodes.INVALID;
        }
        spec.commandLine().getOut().println(config.dir + " is valid: " + loaded.summary());
        return ExitCodes.OK;
    }
}
