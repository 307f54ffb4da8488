package io.stagesync.store;

import java.util.Optional;

/**
 * The position of each streamed object's change stream (see {@code io.stagesync.connector.ChangeStream}): opaque
 * text the system gives, stored after the change it follows was applied. Unlike a watermark it has no order
 * stagesync could check, so the last save wins; only the thread applying the object's stream saves it.
 */
public interface StreamPositionStore {
    /** The stored position, or empty when the object was never streamed or its position was forgotten. */
    Optional<String> get(String system, String objectType);

    /** Stores the position (replacing the one stored). */
    void save(String system, String objectType, String position);

    /** Forgets the position (the system refused it); does nothing when none is stored. */
    void forget(String system, String objectType);
}
