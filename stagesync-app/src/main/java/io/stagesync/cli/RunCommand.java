package io.stagesync.cli;

import io.stagesync.store.jdbc.JdbcStateStore;
import io.stagesync.admin.AdminPortUnavailableException;
import io.stagesync.app.StagesyncApplication;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: starts the service and runs until SIGTERM (or Ctrl-C). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Starts the sync service: validates the config, opens the state store, starts the Camel routes.",
                "Runs until stopped with SIGTERM or Ctrl-C; exit 0 after a clean stop, 1 when the config or store is bad",
                "or the admin API's address is taken."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--routes", paramLabel = "DIR", defaultValue = "routes",
            description = "Directory of Camel YAML routes (default: ${DEFAULT-VALUE}).")
    Path routes;

    @CommandLine.ParentCommand
    StagesyncCli parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StagesyncConfig loaded = config.loadOrReport(parent.env(), spec.commandLine().getErr());
        if (loaded == null) {
            return ExitCodes.INVALID;
        }
        if (!Files.isDirectory(routes)) {
            spec.commandLine().getErr().println("error: routes directory not found: " + routes + " (pass --routes DIR)");
            return ExitCodes.INVALID;
        }
        try (StateStore store = JdbcStateStore.open(loaded.settings().storeSettings())) {
            new StagesyncApplication(loaded, store, routes).run(store);
        } catch (StoreException | AdminPortUnavailableException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        return ExitCodes.OK;
    }
}
