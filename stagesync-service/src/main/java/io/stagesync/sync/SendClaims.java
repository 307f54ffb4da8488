package io.stagesync.sync;

import java.util.Collection;
import java.util.Set;

/**
 * Who sends a record's write to a target right now, so that a record is never in flight to one target twice: a
 * {@link Sender} claims the rows of a batch before it plans them and lets them go after their writes are remembered
 * and the rows removed; a write sent outside the outbox (a dead letter's replay, a stage repair) claims its record
 * around its call, and hands the write to the target's sender when the record is claimed already. Within one process
 * the claims are {@link LocalSendClaims}; with several instances on one store they hold across them (see
 * {@link SyncEngine#claimSendsWith}), and also let several instances drain one outbox ({@link SyncEngine#shareSends}).
 */
public interface SendClaims {
    /** Claims that claim everything: no other sender exists (tests of one sender alone). */
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
     * Claims the records' writes to {@code system} that no other sender has claimed; never waits.
     *
     * @return the canonical ids claimed (those another sender holds are left out)
     * @throws RuntimeException when the claims cannot be asked for (the caller sends nothing of the batch)
     */
    Set<String> claim(String system, Collection<String> canonicalIds);

    /** New claims of this process alone. */
    static SendClaims local() {
        return new LocalSendClaims();
    }

    /** Lets claims {@link #claim} took go; never throws (a claim whose connection failed is gone anyway). */
    void release(String system, Collection<String> canonicalIds);
}
