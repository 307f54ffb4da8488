package io.stagesync.cluster;

import io.stagesync.store.LeaderEpochStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import org.apache.camel.support.cluster.AbstractCamelClusterService;

/**
 * A Camel cluster service over PostgreSQL: the leader of a namespace is the instance holding the namespace's
 * session advisory lock ({@code pg_try_advisory_lock}), on a connection of its own per namespace (never a pooled
 * one: a pool recycling it would drop the lock). Each view tries the lock every check interval while it does not
 * hold it, and checks its connection while it does; a leader whose connection fails steps down at once, and
 * PostgreSQL releases the lock of a process that died (its connection closes), so another instance takes the lead
 * within about one interval. Taking the lead raises the namespace's epoch in the store ({@link LeaderEpochStore}),
 * which fences what a deposed leader still tries to write (see {@link CaptureLeadership}). The leads are spread
 * over the instances up ({@link LeadBalance}).
 *
 * <p>Camel has no PostgreSQL cluster service; ZooKeeper's would need a ZooKeeper ensemble beside the PostgreSQL
 * every deployment already has. Register it with {@code CamelContext.addService} before the routes start.
 */
public final class PostgresLockClusterService extends AbstractCamelClusterService<PostgresLockClusterView> {
    private final SessionConnections sessions;
    private final java.util.Map<String, PostgresLockClusterView> views = new java.util.concurrent.ConcurrentHashMap<>();
    private final LeaderEpochStore epochs;
    private final Duration checkInterval;
    private final LeadBalance balance;

    /**
     * @param memberId      this instance's name, as the epochs table and the health endpoint show it
     * @param jdbcUrl       the store's PostgreSQL URL (the locks must live where the store does)
     * @param user          its user
     * @param password      its password, or null
     * @param checkInterval how often a view tries the lock, or checks the one it holds
     */
    public PostgresLockClusterService(String memberId, String jdbcUrl, String user, String password,
                                      LeaderEpochStore epochs, Duration checkInterval) {
        super(Objects.requireNonNull(memberId, "memberId"));
        this.sessions = new SessionConnections(jdbcUrl, user, password, "stagesync leadership " + memberId,
                "capture leadership and its locks");
        this.epochs = epochs;
        this.checkInterval = checkInterval;
        this.balance = new LeadBalance(sessions, views::size,
                () -> (int) views.values().stream().filter(v -> v.epoch().isPresent()).count());
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        balance.leave();
    }

    LeadBalance balance() {
        return balance;
    }

    @Override
    protected PostgresLockClusterView createView(String namespace) {
        PostgresLockClusterView view = new PostgresLockClusterView(this, namespace);
        views.put(namespace, view);
        return view;
    }

    Connection connect() throws SQLException {
        return sessions.open();
    }

    LeaderEpochStore epochs() {
        return epochs;
    }

    Duration checkInterval() {
        return checkInterval;
    }

    /**
     * Whether some instance (this one or another) holds the namespace's lock now.
     *
     * @throws io.stagesync.store.StoreException when PostgreSQL cannot be asked
     */
    public boolean ledAnywhere(String namespace) {
        try {
            return balance.held(AdvisoryLockKey.of(namespace));
        } catch (SQLException e) {
            throw new io.stagesync.store.StoreException("cannot read who leads " + namespace + ": " + e.getMessage(), e);
        }
    }

    /** The epoch this instance took the namespace's lead in, or empty when it does not lead it (or has no view). */
    public java.util.OptionalLong epoch(String namespace) {
        // the views created, not getView: that retains the view (it would never be released) and may create one
        PostgresLockClusterView view = views.get(namespace);
        return view == null ? java.util.OptionalLong.empty() : view.epoch();
    }
}
