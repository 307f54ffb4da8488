package io.stagesync.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One namespace of {@link PostgresLockClusterService}: holds or tries its advisory lock on a connection of its own,
 * once per check interval on a thread of its own, and tells camel-master when this instance takes or loses the lead.
 * It tries only when {@link LeadBalance} allows, and gives a lead up when this instance holds more than its share.
 */
final class PostgresLockClusterView extends AbstractCamelClusterView {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresLockClusterView.class);

    private final PostgresLockClusterService service;
    private final long key;
    private final Member local = new Member(true);
    private ScheduledExecutorService checks;
    private Connection connection;
    private volatile long epoch;
    private volatile boolean leader;
    private long ledSince;
    /** Checks in a row that found the lock free while this instance held its fair share (see {@link LeadBalance}). */
    private final int[] vacancy = new int[1];
    private String lastFailure;
    /** The listeners added, by identity: one added twice is told once. */
    private final java.util.Set<org.apache.camel.cluster.CamelClusterEventListener> listeners =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    PostgresLockClusterView(PostgresLockClusterService service, String namespace) {
        super(service, namespace);
        this.service = service;
        this.key = AdvisoryLockKey.of(namespace);
    }

    @Override
    protected void doStart() {
        checks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "leadership-" + getNamespace());
            thread.setDaemon(true);
            return thread;
        });
        checks.scheduleWithFixedDelay(this::check, 0, service.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws InterruptedException {
        checks.shutdownNow();
        checks.awaitTermination(10, TimeUnit.SECONDS);
        synchronized (this) {
            if (leader && connection != null) {
                try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, key);
                    unlock.execute();
                } catch (SQLException e) {
                    LOG.debug("{}: unlock at stop failed (the connection's close releases it): {}", getNamespace(),
                            e.getMessage());
                }
            }
            stepDown("this instance stops");
        }
    }

    /** One check: try the lock when not leading, else make sure the connection holding it still works. */
    synchronized void check() {
        try {
            if (leader) {
                if (!connection.isValid(Math.max(1, (int) service.checkInterval().toSeconds()))) {
                    stepDown("its connection to PostgreSQL failed");
                } else if (service.balance().shouldYield(ledSince)) {
                    stepDown("it leads more than its share of the captures; another instance takes this one");
                }
                return;
            }
            if (connection == null || !connection.isValid(2)) {
                closeConnection();
                connection = service.connect();
            }
            if (service.balance().mayTry(connection, key, vacancy) && tryLock()) {
                epoch = service.epochs().take(getNamespace(), service.getId());
                leader = true;
                ledSince = System.nanoTime();
                vacancy[0] = 0;
                lastFailure = null;
                LOG.info("{}: this instance ({}) leads now, epoch {}", getNamespace(), service.getId(), epoch);
                fireLeadershipChangedEvent(local);
            }
        } catch (SQLException | RuntimeException e) {
            String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!failure.equals(lastFailure)) {
                LOG.warn("{}: leadership check failed, tried again in {} ms: {}", getNamespace(),
                        service.checkInterval().toMillis(), failure);
                lastFailure = failure;
            }
            stepDown("the check failed");
        }
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** Gives the lead up (if held) and closes the connection, which releases the lock in PostgreSQL. */
    private void stepDown(String why) {
        boolean was = leader;
        leader = false;
        epoch = 0;
        closeConnection();
        if (was) {
            LOG.warn("{}: this instance ({}) no longer leads: {}", getNamespace(), service.getId(), why);
            fireLeadershipChangedEvent(Optional.empty());
            // camel-master starts a led consumer 1 s after it was told of a lead and does not ask again, so a lead
            // lost within that second leaves a consumer started after the news: told once more, it stops it
            if (checks != null && !checks.isShutdown()) {
                checks.schedule(() -> {
                    synchronized (this) {
                        if (!leader) {
                            fireLeadershipChangedEvent(Optional.empty());
                        }
                    }
                }, 1500, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("{}: close failed: {}", getNamespace(), e.getMessage());
            }
            connection = null;
        }
    }

    /**
     * Adds the listener once (a listener added twice is told once); {@code AbstractCamelClusterView} tells a listener
     * added while this instance leads at once.
     */
    @Override
    public synchronized void addEventListener(org.apache.camel.cluster.CamelClusterEventListener listener) {
        if (listeners.add(listener)) {
            super.addEventListener(listener);
        }
    }

    @Override
    public synchronized void removeEventListener(org.apache.camel.cluster.CamelClusterEventListener listener) {
        listeners.remove(listener);
        super.removeEventListener(listener);
    }

    /** The epoch this instance leads in, empty when it does not lead. */
    OptionalLong epoch() {
        long current = epoch;
        return leader && current > 0 ? OptionalLong.of(current) : OptionalLong.empty();
    }

    @Override
    public Optional<CamelClusterMember> getLeader() {
        if (leader) {
            return Optional.of(local);
        }
        return service.epochs().current(getNamespace()).map(l -> new Remote(l.holder()));
    }

    @Override
    public CamelClusterMember getLocalMember() {
        return local;
    }

    @Override
    public List<CamelClusterMember> getMembers() {
        List<CamelClusterMember> members = new ArrayList<>();
        members.add(local);
        getLeader().filter(m -> !m.isLocal()).ifPresent(members::add);
        return members;
    }

    private final class Member implements CamelClusterMember {
        private final boolean isLocal;

        Member(boolean isLocal) {
            this.isLocal = isLocal;
        }

        @Override
        public boolean isLeader() {
            return leader;
        }

        @Override
        public boolean isLocal() {
            return isLocal;
        }

        @Override
        public String getId() {
            return service.getId();
        }
    }

    /** The leader named by the store when another instance leads (as last recorded: it may have died since). */
    private record Remote(String getId) implements CamelClusterMember {
        @Override
        public boolean isLeader() {
            return true;
        }

        @Override
        public boolean isLocal() {
            return false;
        }
    }
}
