package io.stagesync.cluster;

import io.stagesync.store.FencedOutException;
import io.stagesync.store.LeaderEpochStore;
import io.stagesync.sync.CaptureFence;
import java.util.OptionalLong;

/**
 * The capture of each system is led by one instance: the leader of namespace {@code capture-SYSTEM} of the cluster
 * service (the route {@code sync-SYSTEM} runs as a {@code master:} route on it). As a {@link CaptureFence}: a
 * watermark or stream position moves only while this instance leads the system's capture in the epoch it took the
 * lead in, checked under the epoch row's lock in the same unit of work. Thread-safe.
 */
public final class CaptureLeadership implements CaptureFence {
    /** The prefix of the capture namespaces. */
    public static final String PREFIX = "capture-";

    private final PostgresLockClusterService service;
    private final LeaderEpochStore epochs;

    public CaptureLeadership(PostgresLockClusterService service, LeaderEpochStore epochs) {
        this.service = service;
        this.epochs = epochs;
    }

    /** The namespace whose leader captures {@code system}. */
    public static String namespace(String system) {
        return PREFIX + system;
    }

    /** The epoch in which this instance (of {@code service}) leads the capture of {@code system}; empty when it does not. */
    public static OptionalLong epoch(PostgresLockClusterService service, String system) {
        return service.epoch(namespace(system));
    }

    /** Whether this instance (of {@code service}) leads the capture of {@code system} now. */
    public static boolean leads(PostgresLockClusterService service, String system) {
        return epoch(service, system).isPresent();
    }

    /**
     * Whether an instance that does not lead the capture of {@code system} may send to it now: an instance leads it
     * and has read it in its current lead (so what users changed there while no instance read it is known). Not
     * once the leader is gone (until the next one has caught up), nor after a restart of every instance.
     *
     * @throws io.stagesync.store.StoreException when PostgreSQL cannot be asked (the caller sends nothing now)
     */
    public static boolean caughtUpElsewhere(PostgresLockClusterService service, LeaderEpochStore epochs,
                                            String system) {
        return service.ledAnywhere(namespace(system)) && epochs.caughtUp(namespace(system));
    }

    @Override
    public void check(String system) {
        OptionalLong epoch = epoch(service, system);
        if (epoch.isEmpty()) {
            throw new FencedOutException(namespace(system) + ": this instance (" + service.getId()
                    + ") does not lead it (any more): nothing is moved");
        }
        epochs.requireCurrent(namespace(system), epoch.getAsLong());
    }
}
