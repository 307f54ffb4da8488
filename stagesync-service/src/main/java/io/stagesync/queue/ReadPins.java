package io.stagesync.queue;

import io.stagesync.sync.ChangeQueue;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The capturing reads of this process whose changes are on the queue and not applied here yet: each is kept in
 * flight in the engine ({@link ChangeQueue.Applier#holdRead}) until every change of it published was applied here,
 * so what stagesync writes meanwhile is still known when a change of it is applied. A change taken by another
 * instance (its partition moved) never comes back here: a read held longer than {@link #MAX_HOLD} is let go. Thread-safe.
 */
final class ReadPins {
    /** The longest a read is held for changes not applied here. */
    static final Duration MAX_HOLD = Duration.ofMinutes(10);

    private record Pin(int changes, long since) {
    }

    private final ChangeQueue.Applier applier;
    private final Map<Long, Pin> pins = new HashMap<>();

    ReadPins(ChangeQueue.Applier applier) {
        this.applier = applier;
    }

    /** Holds the read for {@code changes} more changes (called while the capturing read is in flight). */
    synchronized void hold(long readStart, int changes) {
        expire();
        Pin pin = pins.get(readStart);
        if (pin == null) {
            applier.holdRead(readStart);
            pins.put(readStart, new Pin(changes, System.nanoTime()));
        } else {
            pins.put(readStart, new Pin(pin.changes() + changes, pin.since()));
        }
    }

    /**
     * Notes that {@code changes} changes of the read were applied (or will not be); lets the read go with its last.
     *
     * @return whether the read was still held (false: expired or never held here)
     */
    synchronized boolean release(long readStart, int changes) {
        Pin pin = pins.get(readStart);
        if (pin == null) {
            return false;
        }
        if (pin.changes() <= changes) {
            pins.remove(readStart);
            applier.endRead(readStart);
        } else {
            pins.put(readStart, new Pin(pin.changes() - changes, pin.since()));
        }
        return true;
    }

    /** Whether the read is held. */
    synchronized boolean holds(long readStart) {
        return pins.containsKey(readStart);
    }

    private void expire() {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<Long, Pin>> it = pins.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Pin> entry = it.next();
            if (now - entry.getValue().since() > MAX_HOLD.toNanos()) {
                it.remove();
                applier.endRead(entry.getKey());
            }
        }
    }
}
