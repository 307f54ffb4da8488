package io.stagesync.cli;

import io.stagesync.config.StagesyncConfig;
import io.stagesync.model.EntityType;
import io.stagesync.stage.GateDecision;
import io.stagesync.stage.InvalidRecordException;
import io.stagesync.stage.RecordValues;
import io.stagesync.stage.StageGate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gate}: explains the gate's decision for one record and one proposed move. */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {"Explains whether a record may move from one stage to another, and why.",
                "Exit 0 accepted, 3 refused (not allowed, or a handoff rule failed), 1 bad input."})
final class GateCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--entity", required = true, paramLabel = "TYPE", description = "person, account or deal.")
    String entity;

    @Option(names = "--from", required = true, paramLabel = "STAGE", description = "The record's current stage.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "STAGE", description = "The proposed stage.")
    String to;

    @Option(names = "--record", required = true, paramLabel = "FILE.json",
            description = "The canonical record: a JSON object of field: value (fields as declared in stage-model.yaml).")
    Path record;

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
        EntityType type = EntityType.parse(entity).orElse(null);
        if (type == null) {
            err.println("error: unknown entity '" + entity + "' (expected: " + EntityType.allNames() + ")");
            return ExitCodes.INVALID;
        }
        GateDecision decision;
        try {
            RecordValues values = RecordValues.of(loaded.model(), RecordFile.read(record));
            decision = new StageGate(loaded.model()).decide(type, values, from.trim(), to.trim());
        } catch (InvalidRecordException e) {
            e.problems().forEach(p -> err.println("error: record " + record + ": " + p));
            return ExitCodes.INVALID;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        print(decision, out);
        return decision.accepted() ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    private static void print(GateDecision decision, PrintWriter out) {
        String verdict = switch (decision.verdict()) {
            case ACCEPTED -> "ACCEPTED";
            case NOT_ALLOWED -> "REFUSED (not allowed)";
            case VIOLATED -> "REFUSED (handoff rule failed)";
        };
        out.println(verdict + ": " + decision.entity().configName() + " " + decision.from() + " -> " + decision.to());
        if (decision.policy() != null) {
            out.println("policy: " + decision.policy().configName());
        }
        decision.reasons().forEach(line -> out.println("  " + line));
    }
}
