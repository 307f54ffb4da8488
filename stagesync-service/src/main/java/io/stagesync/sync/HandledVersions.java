package io.stagesync.sync;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last version of each record this process read, applied and saw through its page's writes, per
 * system object: its modstamp and content hash. A record read again with that content and no newer
 * modstamp is that same version again, already handled, even when stagesync wrote to the record since
 * (its last known state is then the write): the look-back window re-reading a record whose system has
 * not shown stagesync's write yet (Account Engagement's query cache lags writes by up to a minute)
 * must not be taken for a change back and written over once more at every poll.
 *
 * <p>In memory and kept small: a poll forgets the versions stamped before where the next look-back
 * can reach ({@link #forgetBefore}). After a restart the first re-read of such a record is applied
 * again, which costs at most one write. Thread-safe.
 */
final class HandledVersions {
    /** A record's last handled version. */
    private record Version(Instant modstamp, String hash) {
    }

    private final Map<String, Map<String, Version>> bySystemObject = new ConcurrentHashMap<>();

    /** Whether this is the last handled version of the record there (same content, not newer). */
    boolean isHandled(String canonicalId, String system, String object, Instant modstamp, String hash) {
        Version version = versions(system, object).get(canonicalId);
        return version != null && !modstamp.isAfter(version.modstamp()) && version.hash().equals(hash);
    }

    /** Notes a version read and seen through its writes. */
    void handled(String canonicalId, String system, String object, Instant modstamp, String hash) {
        versions(system, object).merge(canonicalId, new Version(modstamp, hash),
                (old, now) -> now.modstamp().isBefore(old.modstamp()) ? old : now);
    }

    /** Forgets the versions of a system object stamped before {@code reach}: no look-back reads them again. */
    void forgetBefore(String system, String object, Instant reach) {
        versions(system, object).values().removeIf(v -> v.modstamp().isBefore(reach));
    }

    private Map<String, Version> versions(String system, String object) {
        return bySystemObject.computeIfAbsent(system + "\u0000" + object, k -> new ConcurrentHashMap<>());
    }
}
