package io.stagesync.store;

import java.util.List;

/**
 * Per-target outboxes: the writes held while their target fails as a whole, at most one per (target system,
 * target object, canonical record). Durable: a held write survives a restart and is sent once its target
 * answers. Thread-safe.
 */
public interface OutboxStore {

    /**
     * Holds a write: inserts it, or, when the record already waits for that target object, updates its key,
     * reason and count and keeps its first {@code heldAt} (its place in the queue).
     */
    void hold(String targetSystem, String targetObject, String canonicalId, String keyField, String key, String reason);

    /** The oldest held writes of one target system, oldest first, at most {@code limit} (1..10000). */
    List<HeldWrite> oldest(String targetSystem, int limit);

    /**
     * Removes a held write once it was sent and remembered (or found to need no write). Removes it only if it was
     * not held again after {@code seen} was read, so a hold that raced the send is kept.
     *
     * @return whether it was removed
     */
    boolean remove(HeldWrite seen);

    /** How many writes wait for each target system with any (system name order). */
    java.util.Map<String, Integer> counts();
}
