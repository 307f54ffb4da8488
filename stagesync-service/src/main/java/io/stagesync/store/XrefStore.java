package io.stagesync.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The identity map: canonical id &#8652; each system's id.
 *
 * <p>Two keys are unique: (system, objectType, externalId) and (canonicalId, system, objectType), so an
 * external object belongs to one canonical record and a canonical record has at most one object per
 * system and object type. Linking is atomic in the database (unique constraints, not check-then-insert):
 * concurrent callers in any number of threads or processes cannot create a second link.
 */
public interface XrefStore {

    /** The link of this external object, or empty. */
    Optional<XrefEntry> findByExternal(String system, String objectType, String externalId);

    /** Every link of the canonical record, ordered by system then object type; empty if none. */
    List<XrefEntry> findByCanonical(String canonicalId);

    /** The canonical record's link in that system and object type, or empty. */
    Optional<XrefEntry> find(String canonicalId, String system, String objectType);

    /**
     * Links the external object to the canonical id. Idempotent: linking an existing pair again
     * returns the existing entry unchanged.
     *
     * @throws XrefConflictException when the external id is linked to a different canonical id, or the
     *                               canonical id already has a different external id there; the message
     *                               names both sides
     */
    XrefEntry link(String canonicalId, String system, String objectType, String externalId);

    /**
     * The canonical id of this external object, creating the link with {@code newCanonicalId} when there
     * is none. Atomic: concurrent callers reporting the same new external object all get the same
     * canonical id, and exactly one link exists afterwards. The supplier may be called even when its
     * value ends up unused (another caller won the race).
     */
    String resolveOrCreate(String system, String objectType, String externalId, Supplier<String> newCanonicalId);

    /**
     * Remembers the hash of the last known state of the canonical record's object in that system (what
     * was last written there, or last read from there).
     *
     * @param hash nullable: forget the hash
     * @throws java.util.NoSuchElementException when there is no such link
     */
    void recordWrittenHash(String canonicalId, String system, String objectType, String hash);
}
