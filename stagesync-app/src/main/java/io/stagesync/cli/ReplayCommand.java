package io.stagesync.cli;

import io.stagesync.store.jdbc.JdbcStateStore;
import io.stagesync.admin.AdminException;
import io.stagesync.admin.AdminReply;
import io.stagesync.admin.AdminSettings;
import io.stagesync.admin.DeadLetterActions;
import io.stagesync.app.EngineDeadLetterReplayer;
import io.stagesync.app.StandaloneEngine;
import io.stagesync.config.SettingKey;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code replay}: applies dead letters again. When the service answers on the configured admin address, the
 * replay goes through its admin API, because only the running engine can serialize it with its polls (the
 * per-record locks live in that process); otherwise the command opens the store and the connectors itself.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays dead letters: one (--id) or every open one of a system (--system), oldest first.",
                "Goes through the running service's admin API when it answers on stagesync.admin.host:port;",
                "otherwise opens the state store and the connectors itself.",
                "Exit 0 when every letter replayed is resolved, 4 when one failed again (it stays OPEN), 1 on errors."})
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "With --system: at most N letters (1-1000, default: ${DEFAULT-VALUE}).")
    int limit;

    @CommandLine.ParentCommand
    StagesyncCli parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What to replay. */
    static final class Which {
        @Option(names = "--id", paramLabel = "ID", required = true, description = "The dead letter's id.")
        Long id;

        @Option(names = "--system", paramLabel = "NAME", required = true,
                description = "Every OPEN dead letter of this system (salesforce, netsuite, pardot, eloqua).")
        String system;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (which.id != null && which.id < 1) {
            err.println("error: --id must be a positive whole number, got " + which.id);
            return ExitCodes.INVALID;
        }
        if (limit < 1 || limit > DeadLetterActions.MAX_BATCH) {
            err.println("error: --limit must be 1-" + DeadLetterActions.MAX_BATCH + ", got " + limit);
            return ExitCodes.INVALID;
        }
        StagesyncConfig loaded = config.loadOrReport(parent.env(), err);
        if (loaded == null) {
            return ExitCodes.INVALID;
        }
        AdminSettings admin = AdminSettings.from(loaded.settings());
        Optional<RunningService> service = RunningService.find(admin);
        AdminReply reply;
        if (service.isPresent()) {
            if (!service.get().hasToken()) {
                err.println("error: the service is running at " + service.get().url() + ", so the replay must go "
                        + "through its admin API (its engine serializes replays with the polls), but "
                        + SettingKey.ADMIN_TOKEN.key() + " is not set");
                return ExitCodes.INVALID;
            }
            out.println("the service is running at " + service.get().url() + ": replaying through its admin API");
            try {
                reply = service.get().post(which.id != null ? "/api/dead-letters/" + which.id + "/replay"
                        : "/api/dead-letters/replay?system=" + URLEncoder.encode(which.system, StandardCharsets.UTF_8)
                        + "&limit=" + limit);
            } catch (IOException e) {
                err.println("error: the admin API at " + service.get().url() + " did not answer: " + e.getMessage());
                return ExitCodes.INVALID;
            }
        } else {
            try (StateStore store = JdbcStateStore.open(loaded.settings().storeSettings());
                 StandaloneEngine engine = StandaloneEngine.start(loaded, store)) {
                DeadLetterActions actions = new DeadLetterActions(store.deadLetters(),
                        () -> new EngineDeadLetterReplayer(engine.engine()));
                reply = which.id != null ? actions.replay(which.id) : actions.replayAll(which.system, limit);
            } catch (AdminException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.INVALID;
            } catch (StoreException e) {
                err.println("error: " + e.getMessage() + " (if the service is running on this data directory, "
                        + "replay through its admin API: enable it with " + SettingKey.ADMIN_ENABLED.key() + ")");
                return ExitCodes.INVALID;
            }
        }
        return report(reply, out, err);
    }

    @SuppressWarnings("unchecked")
    private static int report(AdminReply reply, PrintWriter out, PrintWriter err) {
        Map<String, Object> body = (Map<String, Object>) reply.body();
        if (reply.status() >= 300) {
            err.println("error: " + body.get("error"));
            return ExitCodes.INVALID;
        }
        if (body.containsKey("deadLetters")) {
            List<Map<String, Object>> letters = (List<Map<String, Object>>) body.get("deadLetters");
            letters.forEach(letter -> out.println(line(letter)));
            out.println(body.get("system") + ": " + body.get("replayed") + " replayed, " + body.get("resolved")
                    + " resolved, " + body.get("failed") + " failed again (still OPEN), " + body.get("skipped")
                    + " skipped (taken by another replay)" + (Boolean.TRUE.equals(body.get("truncated"))
                    ? "; more are open: run it again" : ""));
            return ((Number) body.get("failed")).intValue() > 0 ? ExitCodes.NOT_RESOLVED : ExitCodes.OK;
        }
        out.println(line(body));
        return "OPEN".equals(body.get("status")) ? ExitCodes.NOT_RESOLVED : ExitCodes.OK;
    }

    private static String line(Map<String, Object> letter) {
        String what = letter.get("system") + " " + letter.get("objectType")
                + (letter.get("externalId") == null ? "" : " " + letter.get("externalId"));
        String status = String.valueOf(letter.get("status"));
        String detail = switch (status) {
            case "RESOLVED", "DISCARDED" -> String.valueOf(letter.get("resolution"));
            case "REPLAYING" -> "queued";
            default -> String.valueOf(letter.get("error"));
        };
        return "dead letter " + letter.get("id") + " (" + what + "): " + status + " after " + letter.get("attempts")
                + " attempt(s): " + detail;
    }
}
