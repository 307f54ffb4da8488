package io.stagesync.cli;

import ch.qos.logback.classic.Level;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The options and set-up the benchmark commands share: where config and routes are read, where the run writes. */
final class BenchRunOptions {
    @Option(names = "--config", paramLabel = "DIR", defaultValue = "config",
            description = "Where stage-model.yaml and mappings/ are read from (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--routes", paramLabel = "DIR", defaultValue = "routes",
            description = "Directory of Camel YAML routes (default: ${DEFAULT-VALUE}).")
    Path routes;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Empty or new directory for the run's config and H2 state (default: a new temp dir).")
    Path dataDir;

    /** Whether the routes directory exists; when not, says so on {@code err}. */
    boolean routesFound(PrintWriter err) {
        if (Files.isDirectory(routes)) {
            return true;
        }
        err.println("error: routes directory not found: " + routes + " (pass --routes DIR)");
        return false;
    }

    /** Keeps only warnings of the service's log and Camel's, so the run's own lines stand out. */
    static void quietLogs() {
        for (String name : new String[] {Logger.ROOT_LOGGER_NAME, "org.apache.camel", "io.stagesync"}) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logback) {
                logback.setLevel(Level.WARN);
            }
        }
    }
}
