package io.stagesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench} end to end at its smallest (5 records per leg, no latency): the real service on the simulators
 * moves every record and the report ends with a RESULT line that parses. Asserts nothing about speed.
 */
class BenchEndToEndTest {
    private static final Pattern RESULT = Pattern.compile("RESULT records=(\\d+) records_per_s=([0-9.]+) "
            + "limit_per_s=(inf|[0-9.]+) ratio_to_limit=([0-9.]+) naive_per_s=([0-9.]+) speedup_vs_naive=([0-9.]+) "
            + "sf_calls_per_1000=([0-9.]+) cpu_us_per_record=([0-9]+) peak_heap_mb=([0-9]+)");

    @Test
    void fiveRecordsPerLegArriveAndTheLastLineIsTheResult(@TempDir Path data) {
        CliRun run = CliRun.of("bench", "--records", "5", "--latency-ms", "0", "--naive-records", "2",
                "--data-dir", data.resolve("bench").toString(), "--verbose");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = run.out().lines().toList();
        Matcher result = RESULT.matcher(lines.get(lines.size() - 1));
        assertThat(result.matches()).as("last line: %s", lines.get(lines.size() - 1)).isTrue();
        assertThat(result.group(1)).isEqualTo("5");
        assertThat(result.group(3)).isEqualTo("inf");
        assertThat(Double.parseDouble(result.group(2))).isPositive();
        assertThat(Double.parseDouble(result.group(5))).isPositive();
        assertThat(run.out()).contains("accounts->customers             5")
                .contains("prospects->leads                5")
                .contains("naive loop: accounts 2 in").contains("(0 failed), prospects 2 in");
        assertThat(run.out()).containsPattern("salesforce +[0-9.]+ calls per poll, 0 writes")
                .containsPattern("netsuite +[0-9.]+ calls per poll, 0 writes")
                .containsPattern("pardot +[0-9.]+ calls per poll, 0 writes");
    }
}
