package io.stagesync.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads the leads of a {@link PostgresLockClusterService}'s namespaces over the instances that are up, so the
 * captures (and the writes, sent by each target's capture leader) do not all land on the instance that started
 * first. Each instance holds a shared advisory lock ({@value #PRESENCE} and the store's URL) on a connection of its
 * own while it runs;
 * the instances up are the holders of that lock, as {@code pg_locks} shows, and an instance's fair share is
 * ceil(namespaces / instances).
 *
 * <ul>
 *   <li>An instance below its share tries a free lock at once; one at or above it tries only a lock that stayed
 *       free for {@link #VACANCY_CHECKS} checks (no instance below its share took it), so no namespace stays
 *       without a leader.</li>
 *   <li>An instance above its share gives one lead up, at most one per {@link #YIELD_EVERY} per instance and only
 *       a lead held for at least that long, so instances coming and going do not make leads flap.</li>
 * </ul>
 * A lead given up is a failover like any other (fenced, the next leader catches up). When the balance cannot be read
 * (its connection or query fails), leads are taken and kept as without it: a failure here never costs a lead.
 * Thread-safe.
 */
final class LeadBalance {
    /** The namespace of the presence lock. */
    static final String PRESENCE = "instances";
    /** Checks a lock must stay free before an instance at or above its share takes it. */
    static final int VACANCY_CHECKS = 3;
    /** The least time between two leads given up by one instance, and the least time a lead is held first. */
    static final Duration YIELD_EVERY = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(LeadBalance.class);
    private static final String HOLDERS = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            + " AND objsubid = 1 AND mode = ? AND ((classid::bigint << 32) | objid::bigint) = ?"
            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private final SessionConnections sessions;
    private final IntSupplier namespaces;
    private final IntSupplier leadsHere;
    private final long presenceKey;
    private Connection presence;
    private long lastYield = System.nanoTime() - YIELD_EVERY.toNanos();
    private volatile String lastFailure;

    /**
     * @param namespaces how many namespaces there are to lead
     * @param leadsHere  how many of them this instance leads now
     */
    LeadBalance(SessionConnections sessions, IntSupplier namespaces, IntSupplier leadsHere) {
        this.sessions = sessions;
        // per store URL (schema included): deployments sharing a database do not count each other
        this.presenceKey = AdvisoryLockKey.of(PRESENCE + " " + sessions.url());
        this.namespaces = namespaces;
        this.leadsHere = leadsHere;
    }

    /** Counts this instance in (takes its presence lock, again after its connection failed). */
    synchronized void join() throws SQLException {
        if (presence != null && presence.isValid(2)) {
            return;
        }
        leave();
        Connection joining = sessions.open();
        try (PreparedStatement lock = joining.prepareStatement("SELECT pg_advisory_lock_shared(?)")) {
            lock.setLong(1, presenceKey);
            lock.execute();
        } catch (SQLException | RuntimeException e) {
            joining.close();
            throw e;
        }
        presence = joining;
    }

    /** Counts this instance out (closes its presence connection). */
    synchronized void leave() {
        if (presence != null) {
            try {
                presence.close();
            } catch (SQLException e) {
                LOG.debug("presence connection close failed: {}", e.getMessage());
            }
            presence = null;
        }
    }

    /** How many leads this instance should hold at most now. */
    synchronized int fairShare() throws SQLException {
        join();
        int instances = Math.max(1, (int) holders(presence, "ShareLock", presenceKey));
        return (namespaces.getAsInt() + instances - 1) / instances;
    }

    /** Whether some instance holds the lock of {@code key} (leads its namespace) now. */
    synchronized boolean held(long key) throws SQLException {
        join();
        return holders(presence, "ExclusiveLock", key) > 0;
    }

    /**
     * Whether a view not leading may try its lock now.
     *
     * @param connection the view's own connection
     * @param vacancy    the view's count of checks that found its lock free, updated here
     */
    boolean mayTry(Connection connection, long key, int[] vacancy) {
        try {
            if (leadsHere.getAsInt() < fairShare()) {
                return true;
            }
            if (holders(connection, "ExclusiveLock", key) > 0) {
                vacancy[0] = 0;
                return false;
            }
            return ++vacancy[0] >= VACANCY_CHECKS;
        } catch (SQLException | RuntimeException e) {
            unbalanced(e);
            return true;
        }
    }

    /**
     * Whether a view that leads should give its lead up now to balance the leads (claims this instance's one
     * give-up per {@link #YIELD_EVERY} when it says yes).
     *
     * @param ledSince when the view took its lead ({@link System#nanoTime()})
     */
    synchronized boolean shouldYield(long ledSince) {
        long now = System.nanoTime();
        try {
            if (now - ledSince < YIELD_EVERY.toNanos() || now - lastYield < YIELD_EVERY.toNanos()
                    || leadsHere.getAsInt() <= fairShare()) {
                return false;
            }
        } catch (SQLException | RuntimeException e) {
            unbalanced(e);
            return false;
        }
        lastYield = now;
        return true;
    }

    /**
     * The balance could not be read (the presence connection or query failed): the leads are then taken and kept
     * as without balancing, so a failure here never costs a lead. Logged once per distinct failure.
     */
    private void unbalanced(Exception e) {
        String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (!failure.equals(lastFailure)) {
            LOG.warn("capture leads not balanced for now (taken and kept as they come): {}", failure);
            lastFailure = failure;
        }
    }

    private static long holders(Connection connection, String mode, long key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(HOLDERS)) {
            query.setString(1, mode);
            query.setLong(2, key);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
