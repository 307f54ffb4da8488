package io.stagesync.bench;

import java.util.List;
import java.util.Locale;

/**
 * The figures of a benchmark run and the {@code RESULT} line that reports them. Pure: no I/O, no clock.
 *
 * @param records        N, records per leg
 * @param binding        the leg the RESULT line reports: the one with the lowest throughput measured against its
 *                       limit
 * @param legs           every leg measured
 * @param sfCallsPer1000 Salesforce calls in the bulk window per 1,000 records moved (both legs: every record
 *                       is read from or written to Salesforce)
 * @param cpuUsPerRecord CPU time of the engine's side of the process in the bulk window per record moved, in µs
 * @param peakHeapMb     peak heap in the bulk window, MB (sum of the heap pools' peaks)
 */
public record BenchResult(int records, Leg binding, List<Leg> legs, double sfCallsPer1000, double cpuUsPerRecord,
                          double peakHeapMb) {
    public BenchResult {
        legs = List.copyOf(legs);
    }

    /**
     * One flow measured end to end.
     *
     * @param name          e.g. {@code accounts→customers}
     * @param records       records moved by the engine
     * @param seconds       from the first record created at the source to the last one arrived at the target
     * @param limitPerS     the physical limit of this leg: its slowest call kind's {@link #limit}; infinite at 0
     *                      ms latency
     * @param limitBy       which call kind sets that limit, for the table
     * @param naiveRecords  records the naive loop moved
     * @param naiveSeconds  how long it took
     */
    public record Leg(String name, int records, double seconds, double limitPerS, String limitBy, int naiveRecords,
                      double naiveSeconds) {
        public double perSecond() {
            return rate(records, seconds);
        }

        public double naivePerSecond() {
            return rate(naiveRecords, naiveSeconds);
        }

        /** Throughput ÷ limit (0 when the limit is infinite). */
        public double ratioToLimit() {
            return Double.isInfinite(limitPerS) ? 0 : perSecond() / limitPerS;
        }

        /** Throughput ÷ the naive loop's. */
        public double speedupVsNaive() {
            double naive = naivePerSecond();
            return naive == 0 ? 0 : perSecond() / naive;
        }
    }

    /**
     * R = calls in flight × records per call ÷ latency per call.
     *
     * @return records per second; {@link Double#POSITIVE_INFINITY} when {@code latencyMs} is 0
     * @throws IllegalArgumentException for fewer than one call or record, or a negative latency
     */
    public static double limit(int callsInFlight, int recordsPerCall, double latencyMs) {
        if (callsInFlight < 1 || recordsPerCall < 1 || latencyMs < 0) {
            throw new IllegalArgumentException("a limit needs calls in flight >= 1, records per call >= 1 and "
                    + "latency >= 0; got " + callsInFlight + ", " + recordsPerCall + ", " + latencyMs);
        }
        return latencyMs == 0 ? Double.POSITIVE_INFINITY : callsInFlight * recordsPerCall * 1000.0 / latencyMs;
    }

    /**
     * How long the benchmark waits for a bulk of {@code n} records per leg before giving up: three times what the
     * slowest leg takes at its limit, and never less than {@code least} (N = 100,000 at 250 ms needs 83 minutes at
     * Pardot's limit alone, which a fixed hour cut short).
     *
     * @param slowestLimitPerS the lowest leg limit in records per second; infinite when calls take no time
     */
    public static java.time.Duration bulkTimeout(int n, double slowestLimitPerS, java.time.Duration least) {
        if (Double.isInfinite(slowestLimitPerS) || slowestLimitPerS <= 0) {
            return least;
        }
        java.time.Duration atLimit = java.time.Duration.ofMillis((long) Math.ceil(3_000.0 * n / slowestLimitPerS));
        return atLimit.compareTo(least) > 0 ? atLimit : least;
    }

    /** The leg that binds: the lowest ratio to its limit, or, with no finite limit, the lowest throughput. */
    public static Leg bindingLeg(List<Leg> legs) {
        return legs.stream().min((a, b) -> Double.isInfinite(a.limitPerS()) || Double.isInfinite(b.limitPerS())
                ? Double.compare(a.perSecond(), b.perSecond())
                : Double.compare(a.ratioToLimit(), b.ratioToLimit())).orElseThrow();
    }

    /**
     * {@code RESULT records=N records_per_s=X limit_per_s=R ratio_to_limit=X/R naive_per_s=Y speedup_vs_naive=X/Y
     * sf_calls_per_1000=Z cpu_us_per_record=U peak_heap_mb=H}, of the binding leg; an infinite limit is {@code inf}.
     */
    public String resultLine() {
        return "RESULT records=" + records
                + " records_per_s=" + fixed(binding.perSecond(), 1)
                + " limit_per_s=" + (Double.isInfinite(binding.limitPerS()) ? "inf" : fixed(binding.limitPerS(), 1))
                + " ratio_to_limit=" + fixed(binding.ratioToLimit(), 3)
                + " naive_per_s=" + fixed(binding.naivePerSecond(), 1)
                + " speedup_vs_naive=" + fixed(binding.speedupVsNaive(), 2)
                + " sf_calls_per_1000=" + fixed(sfCallsPer1000, 2)
                + " cpu_us_per_record=" + fixed(cpuUsPerRecord, 0)
                + " peak_heap_mb=" + fixed(peakHeapMb, 0);
    }

    /** One table row per leg: records, seconds, records/s, limit and what sets it, ratio, naive, speedup. */
    public List<String> legTable() {
        List<String> rows = new java.util.ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%-24s %8s %9s %10s %10s %7s %10s %8s  %s", "leg", "records", "seconds",
                "records/s", "limit/s", "ratio", "naive/s", "speedup", "limit set by"));
        for (Leg leg : legs) {
            rows.add(String.format(Locale.ROOT, "%-24s %8d %9.2f %10.1f %10s %7.3f %10.1f %8.2f  %s", leg.name(),
                    leg.records(), leg.seconds(), leg.perSecond(),
                    Double.isInfinite(leg.limitPerS()) ? "inf" : fixed(leg.limitPerS(), 1), leg.ratioToLimit(),
                    leg.naivePerSecond(), leg.speedupVsNaive(), leg.limitBy()));
        }
        return rows;
    }

    static double rate(int records, double seconds) {
        return seconds <= 0 ? 0 : records / seconds;
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
