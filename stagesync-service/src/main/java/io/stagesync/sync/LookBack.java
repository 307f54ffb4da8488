package io.stagesync.sync;

import io.stagesync.connector.ChangePosition;
import io.stagesync.store.Watermark;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a poll of one system object starts: a look-back window behind its watermark, so a change
 * that becomes visible with a modstamp at or behind the watermark (NetSuite's whole seconds shared
 * with records already read; a Salesforce transaction that committed after its
 * {@code SystemModstamp}) is still read. The watermark itself is untouched: it only moves forward,
 * after the page is safe.
 *
 * <p>A window settles: a change stamped at or before watermark W is visible at the latest one
 * window after the system's clock passed W, and the system's clock had passed W when W was read.
 * So once a poll that started at least one window after this process first saw W has read the
 * window again, later polls start at W itself until the watermark moves, and a quiet object costs no
 * reads for ever. Only this process's clock is compared with itself (no clock skew with the
 * system enters); after a restart every window is read again until it settles. Thread-safe.
 */
final class LookBack {
    private final SyncSettings settings;
    private final Clock clock;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    /** A watermark, when this process first saw it, and whether its window was read again late enough. */
    private record Seen(Watermark position, Instant firstSeen, boolean settled) {
    }

    LookBack(SyncSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The position to read after: null from the beginning; the watermark itself when the system has no
     * window or the window behind it has settled; else the watermark moved back by the window (same
     * cursor), which reads every record stamped after {@code watermark - window} again.
     */
    ChangePosition start(String system, String object, Optional<Watermark> watermark) {
        if (watermark.isEmpty()) {
            return null;
        }
        Watermark w = watermark.get();
        Duration window = settings.lookBack(system);
        Seen before = seen.get(key(system, object));
        if (window.isZero() || (before != null && before.settled() && same(before.position(), w))) {
            return new ChangePosition(w.modstamp(), w.lastId());
        }
        return new ChangePosition(w.modstamp().minus(window), w.lastId());
    }

    /**
     * Records a poll that completed.
     *
     * @param started   when the poll started (before its first read), by this look-back's clock
     * @param watermark the watermark after the poll
     */
    void polled(String system, String object, Instant started, Optional<Watermark> watermark) {
        if (watermark.isEmpty()) {
            return;
        }
        Watermark w = watermark.get();
        Duration window = settings.lookBack(system);
        seen.compute(key(system, object), (k, before) -> {
            if (before == null || !same(before.position(), w)) {
                return new Seen(w, clock.instant(), false);
            }
            boolean lateEnough = !started.isBefore(before.firstSeen().plus(window));
            return before.settled() || !lateEnough ? before : new Seen(w, before.firstSeen(), true);
        });
    }

    /** The clock polls are timed with. */
    Instant now() {
        return clock.instant();
    }

    private static boolean same(Watermark a, Watermark b) {
        return Watermark.POSITION_ORDER.compare(a, b) == 0;
    }

    private static String key(String system, String object) {
        return system + "\u0000" + object;
    }
}
