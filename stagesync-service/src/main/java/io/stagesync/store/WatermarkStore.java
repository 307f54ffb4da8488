package io.stagesync.store;

import java.util.List;
import java.util.Optional;

/**
 * Poll positions, one per (system, object type), that only ever move forward.
 */
public interface WatermarkStore {

    /** The position of that system and object type, or empty before the first advance. */
    Optional<Watermark> get(String system, String objectType);

    /**
     * Moves the position to {@code next} if it is strictly after the stored one (see
     * {@link Watermark#POSITION_ORDER}), or stores it if there is none. Atomic under concurrency:
     * of racing callers, the furthest position wins and none moves it backwards.
     * The modstamp is truncated to microseconds before comparing.
     *
     * @return true if stored; false if {@code next} is not after the stored position (nothing changes)
     */
    boolean advance(Watermark next);

    /** Every stored position, ordered by system then object type. */
    List<Watermark> all();
}
