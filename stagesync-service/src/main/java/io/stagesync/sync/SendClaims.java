package io.stagesync.sync;

import java.util.Collection;
import java.util.Set;

/**
 * Which instance sends a record's write to a target when several instances drain one outbox (see
 * {@link SyncEngine#shareSends}): a {@link Sender} claims the rows of a batch before it plans them and lets them go
 * after their writes are remembered and the rows removed, so a record is never in flight to one target from two
 * instances at once. Within one instance a target's sender drains one batch at a time, so it never claims a record
 * it holds already.
 */
public interface SendClaims {
    /** One instance: every row is this instance's to send. */
    SendClaims NONE = new SendClaims() {
        @Override
        public Set<String> claim(String system, Collection<String> canonicalIds) {
            return Set.copyOf(canonicalIds);
        }

        @Override
        public void release(String system, Collection<String> canonicalIds) {
        }
    };

    /**
     * Claims the records' writes to {@code system} that no other instance has claimed; never waits.
     *
     * @return the canonical ids claimed (those another instance holds are left out)
     * @throws RuntimeException when the claims cannot be asked for (the caller sends nothing of the batch)
     */
    Set<String> claim(String system, Collection<String> canonicalIds);

    /** Lets claims {@link #claim} took go; never throws (a claim whose connection failed is gone anyway). */
    void release(String system, Collection<String> canonicalIds);
}
