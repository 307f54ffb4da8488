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

    private static JsonNode replay(AdminTestBed bed, long id, int status) throws Exception {
        HttpResponse<String> response = bed.post("/api/dead-letters/" + id + "/replay", AdminTestBed.TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return AdminApiTest.JSON.readTree(response.body());
    }
}
