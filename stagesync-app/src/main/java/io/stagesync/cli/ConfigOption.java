package io.stagesync.cli;

import io.stagesync.config.InvalidConfigException;
import io.stagesync.config.StagesyncConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --config DIR} option shared by the commands, and how they load it. */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "DIR", defaultValue = "config",
            description = "Config directory with stage-model.yaml and application.properties (default: ${DEFAULT-VALUE}).")
    Path dir;

    /** Loads the config; on errors prints them all to {@code err} and returns null. */
    StagesyncConfig loadOrReport(Map<String, String> env, PrintWriter err) {
        try {
            return StagesyncConfig.load(dir, env);
        } catch (InvalidConfigException e) {
            e.errors().forEach(error -> err.println(error));
            err.println(e.errors().size() + " configuration error(s) in " + dir);
            return null;
        }
    }
}
