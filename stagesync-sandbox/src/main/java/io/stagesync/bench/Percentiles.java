package io.stagesync.bench;

import java.util.Collection;

/**
 * Nearest-rank percentiles of a set of durations in ms.
 *
 * @param count how many samples
 * @param p50   the median (0 when there are no samples)
 * @param p95   the 95th percentile
 * @param p99   the 99th percentile
 * @param max   the largest sample
 */
public record Percentiles(int count, long p50, long p95, long p99, long max) {
    /** Of {@code samples} (any order; not changed). */
    public static Percentiles of(Collection<Long> samples) {
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
                sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    @Override
    public String toString() {
        return "p50=" + p50 + " ms p95=" + p95 + " ms p99=" + p99 + " ms max=" + max + " ms (" + count + " samples)";
    }
}
