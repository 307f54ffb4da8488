package io.stagesync.kpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How long records stayed in one stage: the days of each timed exit in the period (the durations the stage's median
 * days in stage is taken from, see {@link StageKpi}), counted in buckets of
 * {@code [0, 1), [1, 2), [2, 4), [4, 7), [7, 14), [14, 30), [30, 60), [60, 90)} and 90 days or more.
 *
 * @param stage      the stage (the report's bottleneck's source stage)
 * @param buckets    the buckets in ascending order, every one listed; unmodifiable
 * @param timedExits the durations counted (the buckets' counts add up to it)
 * @param medianDays nullable (none): their median
 */
public record TimeInStage(String stage, List<Bucket> buckets, long timedExits, Double medianDays) {
    /** Lower bounds of the buckets, in days. */
    static final double[] EDGES = {0, 1, 2, 4, 7, 14, 30, 60, 90};

    /**
     * One bucket.
     *
     * @param fromDays inclusive lower bound
     * @param toDays   nullable (the last, open bucket): exclusive upper bound
     * @param count    durations in [fromDays, toDays)
     */
    public record Bucket(double fromDays, Double toDays, long count) {
    }

    public TimeInStage {
        Objects.requireNonNull(stage, "stage");
        buckets = List.copyOf(buckets);
    }

    /** The distribution of {@code days} (each at least 0). */
    static TimeInStage of(String stage, List<Double> days) {
        long[] counts = new long[EDGES.length];
        for (double d : days) {
            int bucket = 0;
            while (bucket + 1 < EDGES.length && d >= EDGES[bucket + 1]) {
                bucket++;
            }
            counts[bucket]++;
        }
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < EDGES.length; i++) {
            buckets.add(new Bucket(EDGES[i], i + 1 < EDGES.length ? EDGES[i + 1] : null, counts[i]));
        }
        List<Double> sorted = days.stream().sorted().toList();
        int n = sorted.size();
        Double median = n == 0 ? null : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new TimeInStage(stage, buckets, n, median);
    }
}
