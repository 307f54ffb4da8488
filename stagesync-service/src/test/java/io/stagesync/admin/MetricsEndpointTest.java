package io.stagesync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.store.StageHistoryEntry.Outcome;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics}: Prometheus text behind the same token, with the metrics the state can feed. */
class MetricsEndpointTest {
    @TempDir
    Path dir;

    @Test
    void prometheusTextWithTheStoresGaugesAndTheDecisionsSinceStart() throws Exception {
        try (AdminTestBed bed = AdminTestBed.withToken(dir)) {
            AdminSeed.into(bed.store()); // its decisions are from 2025: before the start, not counted
            bed.start();
            assertThat(bed.get("/metrics", null).statusCode()).isEqualTo(401);

            bed.store().stageHistory().append(AdminSeed.entry("rec-9", "MQL", "SAL", Outcome.REFUSED_VIOLATED, "hold",
                    "salesforce", List.of("MQL", "SAL"), List.of("sal-owner", "sal-score-and-company"),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS).toString()));
            bed.store().stageHistory().append(AdminSeed.entry("rec-9", "MQL", "SAL", Outcome.ACCEPTED, null,
                    "salesforce", List.of("MQL", "SAL"), List.of("sal-owner"), Instant.now().toString()));

            HttpResponse<String> response = bed.get("/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            String text = response.body();
            assertThat(value(text, "stagesync_dead_letters", "status=\"OPEN\"")).isEqualTo(2.0);
            assertThat(value(text, "stagesync_dead_letters", "status=\"DISCARDED\"")).isEqualTo(1.0);
            assertThat(value(text, "stagesync_poll_lag_seconds", "object=\"Contact\",system=\"salesforce\""))
                    .isGreaterThan(3600.0 * 24 * 200);
            assertThat(value(text, "stagesync_violations_total",
                    "outcome=\"REFUSED_VIOLATED\",policy=\"hold\",rule=\"sal-owner\"")).isEqualTo(1.0);
            assertThat(value(text, "stagesync_violations_total",
                    "outcome=\"REFUSED_VIOLATED\",policy=\"hold\",rule=\"sal-score-and-company\"")).isEqualTo(1.0);
            assertThat(value(text, "stagesync_stage_decisions_total", "entity=\"person\",outcome=\"ACCEPTED\""))
                    .isEqualTo(1.0);
            assertThat(text).doesNotContain("REFUSED_NOT_ALLOWED"); // the seeded 2025 refusal

            // a second scrape counts nothing twice
            String again = bed.get("/metrics").body();
            assertThat(value(again, "stagesync_violations_total",
                    "outcome=\"REFUSED_VIOLATED\",policy=\"hold\",rule=\"sal-owner\"")).isEqualTo(1.0);
            assertThat(bed.get("/metrics?format=json").statusCode()).isEqualTo(400);
        }
    }

    /** The value of one sample line {@code name{labels} value}. */
    static double value(String text, String name, String labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$", Pattern.MULTILINE)
                .matcher(text);
        assertThat(m.find()).as(name + "{" + labels + "} in\n" + text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
