package io.stagesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.config.StagesyncConfig;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.StateStore;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stagesync replay} with the service not running: it opens the store and the engine itself and
 * records each letter's outcome; exit 0 when resolved, 4 when a letter failed again, 1 for an unknown id.
 * (Through a running service's admin API: {@code io.stagesync.e2e.DeadLetterReplayApiFlowTest}.)
 */
class ReplayCommandTest {
    private static final String GODOT = """
            {"kind":"read","system":"salesforce","objectType":"Opportunity","id":"006XX0000000003AAA",
             "modstamp":"2026-11-20T10:00:00Z","fields":{"Id":"006XX0000000003AAA","Name":"Odd deal",
             "Amount":1200.0,"CloseDate":"2026-12-15","AccountId":null,"StageName":"Waiting for Godot"}}""";

    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        config = ShippedConfigCopy.into(dir);
        Files.writeString(config.resolve("application.properties"), """
                stagesync.data-dir=%s
                stagesync.admin.enabled=false
                """.formatted(dir.resolve("data")));
    }

    private void mapGodot() throws IOException {
        Path model = config.resolve("stage-model.yaml");
        Files.writeString(model, Files.readString(model).replace("        \"Closed Won\": WON\n",
                "        \"Closed Won\": WON\n        \"Waiting for Godot\": OPPORTUNITY\n"));
    }

    private StateStore store() {
        return JdbcStateStore.open(StagesyncConfig.load(config, Map.of()).settings().storeSettings());
    }

    private long letter(String payload) {
        try (StateStore store = store()) {
            return store.deadLetters().add("salesforce", "Opportunity", "006XX0000000003AAA", payload,
                    "stage value 'Waiting for Godot' of salesforce Opportunity.StageName is not mapped").id();
        }
    }

    @Test
    void aLetterWhoseStageValueIsNowMappedIsAppliedAndResolved() throws IOException {
        long id = letter(GODOT);
        mapGodot();

        CliRun run = CliRun.of("replay", "--config", config.toString(), "--id", String.valueOf(id));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("dead letter " + id + " (salesforce Opportunity 006XX0000000003AAA): RESOLVED "
                + "after 2 attempt(s): replayed: salesforce Opportunity 006XX0000000003AAA");
        try (StateStore store = store()) {
            DeadLetter after = store.deadLetters().find(id).orElseThrow();
            assertThat(after.status()).isEqualTo(DeadLetter.Status.RESOLVED);
            assertThat(after.resolution()).contains("applied");
            String canonical = store.xrefs().findByExternal("salesforce", "Opportunity", "006XX0000000003AAA")
                    .orElseThrow().canonicalId();
            assertThat(store.records().find(canonical).orElseThrow().stage()).isEqualTo("OPPORTUNITY");
            assertThat(store.records().find(canonical).orElseThrow().fields()).containsEntry("name", "Odd deal");
        }
    }

    @Test
    void aLetterWhoseCauseRemainsFailsAgainWithExit4AndStaysOpen() {
        long id = letter(GODOT);

        CliRun run = CliRun.of("replay", "--config", config.toString(), "--id", String.valueOf(id));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_RESOLVED);
        assertThat(run.out()).contains("dead letter " + id + " (salesforce Opportunity 006XX0000000003AAA): OPEN after 2 "
                + "attempt(s): salesforce Opportunity 006XX0000000003AAA: stage value 'Waiting for Godot'");
        try (StateStore store = store()) {
            assertThat(store.deadLetters().find(id).orElseThrow()).returns(DeadLetter.Status.OPEN, DeadLetter::status)
                    .returns(2, DeadLetter::attempts);
        }
    }

    @Test
    void everyOpenLetterOfASystemIsReplayedOldestFirstWithASummary() throws IOException {
        long first = letter(GODOT);
        long second = letter("not json at all");
        mapGodot();

        CliRun run = CliRun.of("replay", "--config", config.toString(), "--system", "salesforce");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_RESOLVED);
        assertThat(run.out()).containsSubsequence("dead letter " + first + " ", "RESOLVED",
                "dead letter " + second + " ", "OPEN", "cannot replay: the stored payload is not JSON",
                "salesforce: 2 replayed, 1 resolved, 1 failed again (still OPEN), 0 skipped");
    }

    @Test
    void anUnknownIdIsAnErrorAndNeitherIdNorSystemIsAUsageError() {
        CliRun unknown = CliRun.of("replay", "--config", config.toString(), "--id", "99");
        CliRun neither = CliRun.of("replay", "--config", config.toString());

        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(unknown.err()).contains("error: no dead letter with id 99");
        assertThat(neither.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(neither.err()).contains("--id").contains("--system");
    }
}
