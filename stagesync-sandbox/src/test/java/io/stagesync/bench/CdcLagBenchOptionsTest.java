package io.stagesync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** bench-cdc's options are checked naming the flag at fault, and its last line has one fixed form. */
class CdcLagBenchOptionsTest {
    private static CdcLagBench.Options options(int edits, int latency, int poll, int rate) {
        return new CdcLagBench.Options(edits, latency, poll, rate, Path.of("config"), Path.of("routes"), Path.of("d"));
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheirFlagAllAtOnce() {
        assertThatThrownBy(() -> options(0, -1, 0, 0)).hasMessage("--edits must be 1..100000, got 0; --latency-ms must"
                + " be 0..10000, got -1; --poll-seconds must be 1..300, got 0; --rate must be 1..1000, got 0");
        assertThat(options(1000, 100, 10, 20).edits()).isEqualTo(1000);
    }

    @Test
    void theLastLineNamesEachPercentileOfBothPhases() {
        CdcLagBench.Result result = new CdcLagBench.Result(new Percentiles(1000, 120, 300, 450, 900),
                new Percentiles(1000, 5200, 9600, 9900, 10100), 10);

        assertThat(result.resultLine()).isEqualTo("LAG_CDC edits=1000 streamed_p50_ms=120 streamed_p95_ms=300"
                + " streamed_p99_ms=450 polled_p50_ms=5200 polled_p95_ms=9600 polled_p99_ms=9900 poll_seconds=10");
    }
}
