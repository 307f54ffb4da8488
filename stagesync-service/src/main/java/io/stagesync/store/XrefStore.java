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

    /**
     * Marks the external object deleted in its system: the link stays (history and the other systems' links keep
     * naming it), the object is no longer written, and {@link #restore} undoes the mark. Marking it again keeps
     * the first time.
     *
     * @param mergedInto nullable: the id of the object of the same system and type it was merged into
     * @return the link as marked, or empty when the object was never linked
     */
    Optional<XrefEntry> markDeleted(String system, String objectType, String externalId, String mergedInto);

    /**
     * Clears the deletion mark of the external object (the system shows it again: undeleted), and forgets its hash:
     * what it holds after the time in the recycle bin is not known, so the record is written there again as a whole.
     *
     * @return whether a mark was cleared
     */
    boolean restore(String system, String objectType, String externalId);

    /**
     * Moves the canonical record's link in that system and object type to another canonical record (what a merge
     * does with the links of the record merged away), keeping its hash and deletion mark.
     *
     * @return the moved link, or empty when {@code fromCanonicalId} has no link there
     * @throws XrefConflictException when {@code toCanonicalId} has a link there already; the message names both,
     *                               and nothing is moved
     */
    Optional<XrefEntry> move(String fromCanonicalId, String toCanonicalId, String system, String objectType);
}
