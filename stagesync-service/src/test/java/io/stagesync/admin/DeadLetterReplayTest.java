package io.stagesync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagesync.store.DeadLetter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/dead-letters/{id}/replay} with a replayer plugged in (as the engine will): REPLAYING
 * first, then RESOLVED, OPEN again with the new error, or left REPLAYING (202) when queued.
 */
class DeadLetterReplayTest {
    @TempDir
    Path dir;

    @Test
    void replayHandsThePayloadOverAndRecordsTheOutcome() throws Exception {
        List<DeadLetter> handedOver = new CopyOnWriteArrayList<>();
        DeadLetterReplayer replayer = new DeadLetterReplayer() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public Result replay(DeadLetter letter) {
                handedOver.add(letter);
                return switch (letter.system()) {
                    case "salesforce" -> Result.resolved();
                    case "netsuite" -> Result.failed("still ambiguous: 2 accounts with domain example.com");
                    case "eloqua" -> Result.queued();
                    default -> throw new IllegalStateException("boom in the engine");
                };
            }
        };
        try (AdminTestBed bed = AdminTestBed.withToken(dir)) {
            var letters = bed.store().deadLetters();
            DeadLetter resolvable = letters.add("salesforce", "Contact", "003A", "{\"a\":1}", "unmapped stage");
            DeadLetter failing = letters.add("netsuite", "customer", "812", "{\"b\":2}", "ambiguous match");
            DeadLetter queued = letters.add("eloqua", "Contact", "9", "{\"c\":3}", "timeout");
            DeadLetter throwing = letters.add("pardot", "Prospect", "7", "{\"d\":4}", "timeout");
            bed.start(app -> app.replayDeadLettersWith(replayer));

            JsonNode resolved = replay(bed, resolvable.id(), 200);
            assertThat(resolved.get("status").asText()).isEqualTo("RESOLVED");
            assertThat(resolved.get("attempts").asInt()).isEqualTo(2);
            assertThat(handedOver.get(0).status()).isEqualTo(DeadLetter.Status.REPLAYING);
            assertThat(handedOver.get(0).payload()).isEqualTo("{\"a\":1}");

            JsonNode failed = replay(bed, failing.id(), 200);
            assertThat(failed.get("status").asText()).isEqualTo("OPEN");
            assertThat(failed.get("error").asText()).isEqualTo("still ambiguous: 2 accounts with domain example.com");
            assertThat(letters.find(failing.id()).orElseThrow().attempts()).isEqualTo(2);

            JsonNode accepted = replay(bed, queued.id(), 202);
            assertThat(accepted.get("status").asText()).isEqualTo("REPLAYING");
            // a letter already being replayed is a conflict, and a resolved one cannot be replayed again
            assertThat(AdminApiTest.JSON.readTree(bed.post("/api/dead-letters/" + queued.id() + "/replay",
                    AdminTestBed.TOKEN).body()).get("status").asInt()).isEqualTo(409);
            HttpResponse<String> again = bed.post("/api/dead-letters/" + resolvable.id() + "/replay", AdminTestBed.TOKEN);
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.body()).contains("RESOLVED");

            JsonNode crashed = replay(bed, throwing.id(), 200);
            assertThat(crashed.get("status").asText()).isEqualTo("OPEN");
            assertThat(crashed.get("error").asText()).isEqualTo("replay failed: boom in the engine");
            assertThat(handedOver).hasSize(4);
        }
    }

    @Test
    void replayIs501WhileNoReplayerIsAvailableAndLeavesTheLetterAlone() throws Exception {
        try (AdminTestBed bed = AdminTestBed.withToken(dir)) {
            DeadLetter letter = bed.store().deadLetters().add("salesforce", "Contact", "003A", "{}", "unmapped stage");
            bed.start(app -> app.replayDeadLettersWith(DeadLetterReplayer.unavailable()));

            HttpResponse<String> one = bed.post("/api/dead-letters/" + letter.id() + "/replay", AdminTestBed.TOKEN);
            HttpResponse<String> all = bed.post("/api/dead-letters/replay?system=salesforce", AdminTestBed.TOKEN);

            assertThat(one.statusCode()).isEqualTo(501);
            assertThat(AdminApiTest.JSON.readTree(one.body()).get("error").asText())
                    .contains("replay is not available").contains("stays OPEN");
            assertThat(all.statusCode()).isEqualTo(501);
            assertThat(bed.store().deadLetters().find(letter.id()).orElseThrow()).isEqualTo(letter);
        }
    }

    @Test
    void replayingASystemTakesItsOpenLettersOldestFirstAndReportsEachOutcome() throws Exception {
        List<Long> order = new CopyOnWriteArrayList<>();
        DeadLetterReplayer replayer = new DeadLetterReplayer() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public Result replay(DeadLetter letter) {
                order.add(letter.id());
                return letter.payload().contains("ok") ? Result.resolved("replayed: written")
                        : Result.failed("still refused");
            }
        };
        try (AdminTestBed bed = AdminTestBed.withToken(dir)) {
            var letters = bed.store().deadLetters();
            DeadLetter first = letters.add("salesforce", "Contact", "1", "{\"ok\":1}", "e1");
            DeadLetter other = letters.add("netsuite", "customer", "2", "{\"ok\":2}", "e2");
            DeadLetter second = letters.add("salesforce", "Contact", "3", "{\"no\":3}", "e3");
            DeadLetter discarded = letters.add("salesforce", "Contact", "4", "{\"ok\":4}", "e4");
            letters.discard(discarded.id(), "duplicate");
            bed.start(app -> app.replayDeadLettersWith(replayer));

            HttpResponse<String> response = bed.post("/api/dead-letters/replay?system=salesforce", AdminTestBed.TOKEN);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = AdminApiTest.JSON.readTree(response.body());
            assertThat(body.get("replayed").asInt()).isEqualTo(2);
            assertThat(body.get("resolved").asInt()).isEqualTo(1);
            assertThat(body.get("failed").asInt()).isEqualTo(1);
            assertThat(body.get("truncated").asBoolean()).isFalse();
            assertThat(order).containsExactly(first.id(), second.id());
            assertThat(body.get("deadLetters").get(0).get("resolution").asText()).isEqualTo("replayed: written");
            assertThat(body.get("deadLetters").get(1).get("error").asText()).isEqualTo("still refused");
            assertThat(letters.find(other.id()).orElseThrow().status()).isEqualTo(DeadLetter.Status.OPEN);
            assertThat(letters.find(first.id()).orElseThrow())
                    .returns(DeadLetter.Status.RESOLVED, DeadLetter::status)
                    .returns("replayed: written", DeadLetter::resolution);

            HttpResponse<String> noSystem = bed.post("/api/dead-letters/replay", AdminTestBed.TOKEN);
            assertThat(noSystem.statusCode()).isEqualTo(400);
            assertThat(AdminApiTest.JSON.readTree(noSystem.body()).get("parameter").asText()).isEqualTo("system");
        }
    }

    @Test
    void discardingKeepsTheLetterWithTheReasonAndAFinalLetterIsAConflict() throws Exception {
        try (AdminTestBed bed = AdminTestBed.withToken(dir)) {
            DeadLetter letter = bed.store().deadLetters().add("netsuite", "customer", "812", "{}", "ambiguous match");
            bed.start(app -> app.replayDeadLettersWith(DeadLetterReplayer.unavailable()));

            HttpResponse<String> response = bed.post("/api/dead-letters/" + letter.id()
                    + "/discard?reason=merged%20by%20hand", AdminTestBed.TOKEN);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = AdminApiTest.JSON.readTree(response.body());
            assertThat(body.get("status").asText()).isEqualTo("DISCARDED");
            assertThat(body.get("resolution").asText()).isEqualTo("discarded by an admin: merged by hand");
            assertThat(body.get("payload").asText()).isEqualTo("{}");
            assertThat(bed.post("/api/dead-letters/" + letter.id() + "/discard", AdminTestBed.TOKEN).statusCode())
                    .isEqualTo(409);
            assertThat(bed.post("/api/dead-letters/" + letter.id() + "/discard", null).statusCode()).isEqualTo(401);
            assertThat(bed.post("/api/dead-letters/424242/discard", AdminTestBed.TOKEN).statusCode()).isEqualTo(404);
        }
    }

    private static JsonNode replay(AdminTestBed bed, long id, int status) throws Exception {
        HttpResponse<String> response = bed.post("/api/dead-letters/" + id + "/replay", AdminTestBed.TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return AdminApiTest.JSON.readTree(response.body());
    }
}
