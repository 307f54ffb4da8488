package io.stagesync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The derived sizes of a run, and validation that names each bad option. */
class BenchOptionsTest {
    private static BenchOptions withRecords(int records) {
        return new BenchOptions(records, 100, 10, BenchOptions.defaultNaiveRecords(records), 1, Path.of("config"),
                Path.of("routes"), Path.of("data"));
    }

    @Test
    void theIncrementalLoadIsOnePercentAndAtLeastOneRecord() {
        assertThat(withRecords(10_000).incrementalRecords()).isEqualTo(100);
        assertThat(withRecords(1_000).incrementalRecords()).isEqualTo(10);
        assertThat(withRecords(5).incrementalRecords()).isEqualTo(1);
    }

    @Test
    void theNaiveLoopMovesAllRecordsUpToAHundred() {
        assertThat(BenchOptions.defaultNaiveRecords(5)).isEqualTo(5);
        assertThat(BenchOptions.defaultNaiveRecords(10_000)).isEqualTo(100);
    }

    @Test
    void everyBadValueIsNamedInOneMessage() {
        assertThatThrownBy(() -> new BenchOptions(0, -5, 10, 1, 61, Path.of("c"), Path.of("r"), Path.of("d")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--records must be 1..1000000, got 0")
                .hasMessageContaining("--latency-ms must be 0..10000, got -5")
                .hasMessageContaining("--poll-seconds must be 1..60, got 61");
    }
}
