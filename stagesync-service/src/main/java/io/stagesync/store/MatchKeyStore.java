package io.stagesync.store;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Normalized identifying values of canonical records (email, domain, company name), used to
 * match a record first seen in one system to one already known from another.
 *
 * <p>Callers normalize values (trim, lower case) before storing and looking up. Several records
 * may share a key; the caller decides what an ambiguous match means. Thread-safe.
 */
public interface MatchKeyStore {
    /** Records that {@code canonicalId} has this key; idempotent. */
    void put(String entityType, String kind, String value, String canonicalId);

    /** Removes every key of a kind for a record (before putting its new value); idempotent. */
    void clear(String entityType, String kind, String canonicalId);

    /** The canonical ids holding this key, sorted; empty when none. */
    List<String> find(String entityType, String kind, String value);

    /** The keys a record holds: kind to its values; empty when none. */
    Map<String, Set<String>> keysOf(String entityType, String canonicalId);
}
