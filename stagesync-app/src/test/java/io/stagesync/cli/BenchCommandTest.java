package io.stagesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code bench}'s options: a bad one is refused before anything starts, and the error names it. */
class BenchCommandTest {
    @ParameterizedTest
    @CsvSource({
            "--records, 0, --records must be 1..1000000",
            "--latency-ms, -1, --latency-ms must be 0..10000",
            "--concurrency, 0, --concurrency must be 1..1000",
            "--poll-seconds, 0, --poll-seconds must be 1..60",
            "--naive-records, 2000, --naive-records must be 1..1000"})
    void aValueOutOfRangeIsRefusedNamingItsOption(String option, String value, String message) {
        CliRun run = CliRun.of("bench", option, value);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains(message);
        assertThat(run.out()).doesNotContain("RESULT");
    }

    @Test
    void everyBadOptionIsReportedAtOnce() {
        CliRun run = CliRun.of("bench", "--records", "0", "--concurrency", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("--records must be").contains("--concurrency must be");
    }

    @Test
    void aValueThatIsNotANumberIsAUsageErrorNamingTheOption() {
        CliRun run = CliRun.of("bench", "--latency-ms", "fast");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--latency-ms");
    }

    @Test
    void aMissingRoutesDirectoryIsNamed() {
        CliRun run = CliRun.of("bench", "--records", "5", "--routes", "no-such-routes-dir");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("routes directory not found: no-such-routes-dir");
    }
}
