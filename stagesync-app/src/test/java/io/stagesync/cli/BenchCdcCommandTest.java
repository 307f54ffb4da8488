package io.stagesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code bench-cdc}'s options: bad ones are refused at once before anything starts, each named. */
class BenchCdcCommandTest {
    @Test
    void everyBadOptionIsReportedAtOnce() {
        CliRun run = CliRun.of("bench-cdc", "--edits", "0", "--rate", "0", "--poll-seconds", "301");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("--edits must be 1..100000").contains("--rate must be 1..1000")
                .contains("--poll-seconds must be 1..300");
        assertThat(run.out()).doesNotContain("LAG_CDC");
    }

    @Test
    void aMissingRoutesDirectoryIsNamed() {
        CliRun run = CliRun.of("bench-cdc", "--edits", "5", "--routes", "no-such-routes-dir");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("routes directory not found: no-such-routes-dir");
    }
}
