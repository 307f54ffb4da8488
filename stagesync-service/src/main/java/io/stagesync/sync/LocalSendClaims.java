package io.stagesync.sync;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The send claims of one instance alone ({@link SendClaims}): a record's write to a system is claimed by one thread of
 * this process at a time, the sender draining that system's outbox or a write sent outside it (a dead letter's
 * replay, a stage repair). Thread-safe.
 */
final class LocalSendClaims implements SendClaims {
    private final Set<String> held = new java.util.HashSet<>();

    @Override
    public synchronized Set<String> claim(String system, Collection<String> canonicalIds) {
        Set<String> claimed = new LinkedHashSet<>();
        for (String id : canonicalIds) {
            if (held.add(key(system, id))) {
                claimed.add(id);
            }
        }
        return claimed;
    }

    @Override
    public synchronized void release(String system, Collection<String> canonicalIds) {
        canonicalIds.forEach(id -> held.remove(key(system, id)));
    }

    private static String key(String system, String canonicalId) {
        return system + "\u0000" + canonicalId;
    }
}
