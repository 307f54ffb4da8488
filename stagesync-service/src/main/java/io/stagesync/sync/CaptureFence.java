package io.stagesync.sync;

/**
 * Whether this instance still leads the capture of a system, checked in the unit of work that moves one of its
 * watermarks or stream positions (see {@link SyncEngine#fenceCaptures}): with several instances, an instance that
 * lost the lead while it was polling must not move a position back over what the new leader wrote.
 */
@FunctionalInterface
public interface CaptureFence {
    /** One instance: it always leads. */
    CaptureFence NONE = system -> { };

    /**
     * @throws RuntimeException (e.g. {@link io.stagesync.store.FencedOutException}) when this instance no longer
     *     leads the capture of {@code system}: the unit of work is rolled back, nothing moves
     */
    void check(String system);
}
