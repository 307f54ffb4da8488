package io.stagesync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/reconcile} in the real application (no connector configured, so nothing to compare): the last result
 * is a 404 naming how to get one until a run; {@code POST} runs one and answers it; a bad {@code repair} is a 400
 * naming the parameter; the run shows in {@code /metrics}. (Drift found and repaired: {@code
 * SandboxRunsItsStoryTest}, {@code StageReconcileFindsAndRepairsDriftTest}.)
 */
class ReconcileEndpointTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static AdminTestBed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = AdminTestBed.withToken(dir);
        bed.start();
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
    }

    private static HttpResponse<String> post(String pathAndQuery) throws Exception {
        return bed.send(HttpRequest.newBuilder(bed.uri(pathAndQuery)).POST(HttpRequest.BodyPublishers.noBody()),
                AdminTestBed.TOKEN);
    }

    @Test
    void theLastResultIsMissingUntilARunThenItIsTheRunsAndTheMetricsShowIt() throws Exception {
        HttpResponse<String> before = bed.get("/api/reconcile");
        assertThat(before.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(before.body()).path("error").asText()).contains("no reconcile has run yet")
                .contains("stagesync.reconcile.interval-minutes");

        HttpResponse<String> bad = post("/api/reconcile?repair=maybe");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("parameter").asText()).isEqualTo("repair");

        HttpResponse<String> run = post("/api/reconcile");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(run.body());
        assertThat(body.path("drifted").asLong()).isZero();
        assertThat(body.path("objects").isArray()).isTrue();
        assertThat(body.has("repairs")).as("nothing repaired when not asked").isFalse();

        JsonNode last = JSON.readTree(bed.get("/api/reconcile").body());
        assertThat(last.path("at").asText()).isEqualTo(body.path("at").asText());
        assertThat(bed.get("/metrics").body()).containsPattern("stagesync_reconcile_last_run_timestamp_seconds \\d");
    }
}
