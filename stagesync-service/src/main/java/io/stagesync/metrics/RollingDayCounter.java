package io.stagesync.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Counts events in the rolling 24 hours before now, in one-minute buckets (1440 longs, fixed memory):  the window is
 * the current minute and the 1439 before it, so an event stays counted for 23 h 59 min to 24 h. Counts only what this process saw since it started. Thread-safe.
 */
final class RollingDayCounter {
    static final Duration WINDOW = Duration.ofHours(24);
    private static final int BUCKETS = 24 * 60;
    private static final long MINUTE_MS = 60_000L;

    private final Clock clock;
    private final long[] counts = new long[BUCKETS];
    private final long[] minuteOf = new long[BUCKETS];

    RollingDayCounter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        java.util.Arrays.fill(minuteOf, Long.MIN_VALUE);
    }

    /** Counts one event now. */
    synchronized void add() {
        long minute = Math.floorDiv(clock.millis(), MINUTE_MS);
        int slot = (int) Math.floorMod(minute, BUCKETS);
        if (minuteOf[slot] != minute) {
            minuteOf[slot] = minute;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    /** Events in the minutes of the last 24 h, the current minute included. */
    synchronized long inWindow() {
        long now = Math.floorDiv(clock.millis(), MINUTE_MS);
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (minuteOf[i] > now - BUCKETS && minuteOf[i] <= now) {
                total += counts[i];
            }
        }
        return total;
    }
}
