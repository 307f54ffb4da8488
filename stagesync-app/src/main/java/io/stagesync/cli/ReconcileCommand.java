package io.stagesync.cli;

import io.stagesync.admin.AdminSettings;
import io.stagesync.app.ReconcileRunner;
import io.stagesync.app.StandaloneEngine;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreException;
import io.stagesync.store.jdbc.JdbcStateStore;
import io.stagesync.sync.ReconcileReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code reconcile}: reads the stage field of every linked record in every connected system and compares it with
 * the canonical stage; prints, per system object, the stages shown there beside the canonical ones and each
 * drifting record; with {@code --repair}, writes the canonical stage to the drifting records through the normal
 * write path. Opens the state store and the connectors itself, so the service must not be running on the same
 * data directory.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Compares the stage every connected system shows for each linked record with its canonical",
                "stage, and prints the counts per stage side by side and every drifting record.",
                "--repair writes the canonical stage to the drifting records (the normal write path).",
                "Run it while the service is stopped (it opens the state store itself).",
                "Exit 0 when nothing drifts (or everything drifting was repaired), 5 when records drift,",
                "1 on errors."})
final class ReconcileCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--repair", description = "Write the canonical stage to each drifting record.")
    boolean repair;

    @CommandLine.ParentCommand
    StagesyncCli parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StagesyncConfig loaded = config.loadOrReport(parent.env(), err);
        if (loaded == null) {
            return ExitCodes.INVALID;
        }
        if (RunningService.find(AdminSettings.from(loaded.settings())).isPresent()) {
            err.println("error: the service is running on this configuration; stop it first (reconcile opens the"
                    + " state store and the connectors itself)");
            return ExitCodes.INVALID;
        }
        try (StateStore store = JdbcStateStore.open(loaded.settings().storeSettings());
             StandaloneEngine engine = StandaloneEngine.start(loaded, store)) {
            ReconcileReport report = engine.engine().reconcile(ReconcileRunner.quotaBudget(engine.metrics()));
            print(report, out);
            if (!report.failed().isEmpty()) {
                err.println("error: " + report.failed().size() + " system object(s) could not be read to the end"
                        + " (see \"stopped:\" above)");
            }
            if (!repair || report.drifts().isEmpty()) {
                return !report.failed().isEmpty() ? ExitCodes.INVALID
                        : report.drifted() == 0 ? ExitCodes.OK : ExitCodes.DRIFT;
            }
            List<String> outcomes = engine.engine().repair(report);
            outcomes.forEach(out::println);
            ReconcileReport after = engine.engine().reconcile(ReconcileRunner.quotaBudget(engine.metrics()));
            out.println("after the repair: " + after.drifted() + " drifting record(s)");
            after.drifts().forEach(d -> out.println(line(d)));
            return !after.failed().isEmpty() ? ExitCodes.INVALID : after.drifted() == 0 ? ExitCodes.OK : ExitCodes.DRIFT;
        } catch (StoreException e) {
            err.println("error: " + e.getMessage() + " (is the service running on this data directory? stop it"
                    + " first)");
            return ExitCodes.INVALID;
        }
    }

    private static void print(ReconcileReport report, PrintWriter out) {
        for (ReconcileReport.ObjectReport o : report.objects()) {
            out.println(o.system() + " " + o.object() + "." + o.field() + ": " + o.checked() + " checked, "
                    + o.drifted() + " drifting, " + o.pending() + " pending (newer than the last poll), " + o.held()
                    + " held by the gate, " + o.deadLettered()
                    + " waiting in the dead letters, " + o.notRead()
                    + " not returned by " + o.system());
            if (o.error() != null) {
                out.println("  stopped: " + o.error());
            }
            out.println("  shown there: " + counts(o.shown()));
            out.println("  canonical:   " + counts(o.canonical()));
        }
        report.drifts().forEach(d -> out.println(line(d)));
        out.println(report.drifted() + " drifting record(s)" + (report.truncated() ? " (the first "
                + report.drifts().size() + " listed)" : ""));
    }

    private static String line(ReconcileReport.Drift d) {
        return "drift: " + d.system() + " " + d.object() + " " + d.externalId() + " (canonical " + d.canonicalId()
                + "): " + d.field() + " is " + (d.valueThere() == null ? "empty" : "'" + d.valueThere() + "'")
                + (d.stageThere() == null ? "" : " (" + d.stageThere() + ")") + ", canonical stage "
                + d.canonicalStage() + " wants '" + d.expectedValue() + "'";
    }

    private static String counts(Map<String, Long> counts) {
        return counts.isEmpty() ? "-" : counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
