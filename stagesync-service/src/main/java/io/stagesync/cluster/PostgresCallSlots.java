package io.stagesync.cluster;

import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.SystemCallException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A system's concurrency limit ({@code stagesync.SYSTEM.max-concurrent-calls}, the vendor's limit per account)
 * counted over all the instances on one PostgreSQL store instead of per instance: each call to the system holds one
 * of that many slots, slot {@code i} being the session advisory lock of {@code call-slot:SYSTEM} + i, on a
 * connection of this instance's own. A call waits (polling every few milliseconds) until a slot is free, at most
 * {@link #MAX_WAIT} (then the call fails as a whole, not retriable, so the vendor's circuit breaker does not count
 * it; its writes wait in the outbox); an instance that dies lets its slots go with its session. A call made while the thread already
 * holds a slot of that system (a token asked for inside a call) takes no second one. Thread-safe.
 */
public final class PostgresCallSlots implements AutoCloseable {
    /** The longest a call waits for a free slot before it fails as a retriable whole-call failure. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCallSlots.class);
    // advisory locks are re-entrant within a session: the slots this instance holds already are left out, by a CASE
    // since the planner may order the conditions of an AND as it likes (and lock a slot held here a second time)
    private static final String TAKE = "SELECT s FROM generate_series(0, ?) AS s WHERE CASE WHEN s <> ALL(?::int[])"
            + " THEN pg_try_advisory_lock(? + s) ELSE false END LIMIT 1";
    private static final String GIVE = "SELECT pg_advisory_unlock(? + ?)";

    private final SessionConnections sessions;
    private final ThreadLocal<Map<String, Integer>> held = ThreadLocal.withInitial(HashMap::new);
    /** Per system, the slots this instance holds on {@link #connection}. */
    private final Map<String, java.util.Set<Integer>> taken = new HashMap<>();
    private final SessionConnection connection;
    /** Raised each time the connection is closed: a slot taken on an earlier one is gone (never let go twice). */
    private long generation;
    private boolean closed;

    /** Slots on the store's PostgreSQL (the URL, user and password the store uses; password may be null). */
    public PostgresCallSlots(String jdbcUrl, String user, String password, String instance) {
        this.sessions = new SessionConnections(jdbcUrl, user, password, "stagesync call slots " + instance,
                "shared call limits");
        this.connection = new SessionConnection(sessions);
    }

    /**
     * {@code policy} with each call (each attempt: a retry's wait holds no slot) made in one of {@code slots} slots
     * of {@code system} shared by the instances.
     *
     * @throws IllegalArgumentException when {@code slots} is below 1
     */
    public CallPolicy around(String system, int slots, CallPolicy policy) {
        if (slots < 1) {
            throw new IllegalArgumentException("the calls in flight to " + system + " must be at least 1, got " + slots);
        }
        long base = AdvisoryLockKey.of("call-slot:" + system) & ~0xFFFFL;
        return new CallPolicy() {
            @Override
            public <T> T execute(String operation, Supplier<T> call) {
                return policy.execute(operation, () -> inSlot(system, operation, base, slots, call));
            }
        };
    }

    private <T> T inSlot(String system, String operation, long base, int slots, Supplier<T> call) {
        Map<String, Integer> mine = held.get();
        if (mine.containsKey(system)) {
            mine.merge(system, 1, Integer::sum);
            try {
                return call.get();
            } finally {
                mine.merge(system, -1, Integer::sum);
            }
        }
        long[] slot = take(system, operation, base, slots);
        mine.put(system, 1);
        try {
            return call.get();
        } finally {
            mine.remove(system);
            give(system, base, (int) slot[0], slot[1]);
        }
    }

    /** @return the slot and the connection generation it was taken on */
    private long[] take(String system, String operation, long base, int slots) {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (true) {
            long[] slot = tryTake(system, operation, base, slots);
            if (slot != null) {
                return slot;
            }
            if (System.nanoTime() > deadline) {
                throw new SystemCallException(system, operation, 0, "CALL_SLOTS", "all " + slots + " calls in flight "
                        + "to " + system + " (stagesync." + system + ".max-concurrent-calls, counted over every "
                        + "instance) were taken for " + MAX_WAIT.toSeconds() + " s", null, false, null, null);
            }
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(5, 15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SystemCallException(system, operation, 0, null, "interrupted while waiting for a free call "
                        + "slot", null, false, null, e);
            }
        }
    }

    /**
     * @return the slot taken and the connection's generation, or null when all are taken
     * @throws SystemCallException not retriable (so the vendor's circuit breaker does not count it): the whole call
     *     fails and is tried again later, when the slots cannot be asked for
     */
    private synchronized long[] tryTake(String system, String operation, long base, int slots) {
        if (closed) {
            throw new SystemCallException(system, operation, 0, "CALL_SLOTS", "stagesync is stopping", null, false,
                    null, null);
        }
        java.util.Set<Integer> mine = taken.computeIfAbsent(system, s -> new java.util.HashSet<>());
        if (mine.size() >= slots) {
            return null;
        }
        try {
            Connection open = connection.get();
            try (PreparedStatement statement = open.prepareStatement(TAKE)) {
                statement.setInt(1, slots - 1);
                statement.setArray(2, open.createArrayOf("integer", mine.toArray(new Integer[0])));
                statement.setLong(3, base);
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        return null;
                    }
                    mine.add(row.getInt(1));
                    return new long[] {row.getInt(1), generation};
                }
            }
        } catch (SQLException e) {
            drop();
            throw new SystemCallException(system, operation, 0, "CALL_SLOTS", "cannot take a call slot on "
                    + sessions.url() + ": " + e.getMessage(), null, false, null, e);
        }
    }

    private synchronized void give(String system, long base, int slot, long takenOn) {
        java.util.Set<Integer> mine = taken.get(system);
        if (takenOn != generation || mine == null || !mine.remove(slot) || !connection.isOpen()) {
            // the connection failed meanwhile: PostgreSQL let the slot go with it
            return;
        }
        try (PreparedStatement statement = connection.get().prepareStatement(GIVE)) {
            statement.setLong(1, base);
            statement.setInt(2, slot);
            try (ResultSet row = statement.executeQuery()) {
                if (row.next() && !row.getBoolean(1)) {
                    LOG.debug("call slot {} of {} was not held any more when let go", slot, system);
                }
            }
        } catch (SQLException e) {
            drop();
            LOG.warn("letting a call slot of {} go failed (the slots connection is closed, which lets them go): {}",
                    system, e.getMessage());
        }
    }

    /** Closes the connection, which lets every slot it holds go; no slot is taken after it. */
    @Override
    public synchronized void close() {
        closed = true;
        drop();
    }

    /** Closes the connection after a failure: PostgreSQL has let its slots go; the next call opens a new one. */
    private void drop() {
        generation++;
        taken.clear();
        connection.close();
    }
}
