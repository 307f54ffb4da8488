package io.stagesync.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a benchmark runs; immutable, validated when built (every problem at once, each naming its option).
 *
 * @param records      N: accounts created in Salesforce and as many prospects in Pardot, 1..1,000,000
 * @param latencyMs    L: latency of every simulator call in ms, 0..10,000
 * @param concurrency  C: the calls in flight an API allows, for the limit (1..1,000); the engine gets it as each
 *                     connector's {@code max-concurrent-calls}
 * @param naiveRecords records of each leg the naive loop moves, 1..records
 * @param pollSeconds  the sync poll period, 1..60 (the setting takes whole seconds)
 * @param configDir    where stage-model.yaml and mappings/ are read from
 * @param routesDir    the Camel routes directory
 * @param dataDir      a new or empty directory for the run's config and H2 state
 */
public record BenchOptions(int records, int latencyMs, int concurrency, int naiveRecords, int pollSeconds,
                           Path configDir, Path routesDir, Path dataDir) {
    /** Records of each leg the naive loop moves when not told: at most this many. */
    public static final int DEFAULT_NAIVE_RECORDS = 100;

    public BenchOptions {
        Objects.requireNonNull(configDir, "configDir");
        Objects.requireNonNull(routesDir, "routesDir");
        Objects.requireNonNull(dataDir, "dataDir");
        List<String> problems = new ArrayList<>();
        check(problems, "--records", records, 1, 1_000_000);
        check(problems, "--latency-ms", latencyMs, 0, 10_000);
        check(problems, "--concurrency", concurrency, 1, 1_000);
        check(problems, "--naive-records", naiveRecords, 1, Math.max(1, records));
        check(problems, "--poll-seconds", pollSeconds, 1, 60);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** The naive loop's default size for {@code records}: all of them up to {@value #DEFAULT_NAIVE_RECORDS}. */
    public static int defaultNaiveRecords(int records) {
        return Math.max(1, Math.min(records, DEFAULT_NAIVE_RECORDS));
    }

    /** The same options with another data directory. */
    public BenchOptions withDataDir(Path dir) {
        return new BenchOptions(records, latencyMs, concurrency, naiveRecords, pollSeconds, configDir, routesDir, dir);
    }

    /** Records changed per leg in the incremental phase: 1 % of N, at least one. */
    public int incrementalRecords() {
        return Math.max(1, records / 100);
    }

    /** Adds {@code "OPTION must be MIN..MAX, got VALUE"} to {@code problems} when the value is out of range. */
    static void check(List<String> problems, String option, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(option + " must be " + min + ".." + max + ", got " + value);
        }
    }
}
