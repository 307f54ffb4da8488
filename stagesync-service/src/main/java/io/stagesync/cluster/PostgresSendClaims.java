package io.stagesync.cluster;

import io.stagesync.store.StoreException;
import io.stagesync.sync.SendClaims;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Send claims shared by the instances on one PostgreSQL store: the claim of a record's write to a system is the
 * session advisory lock of {@code send:SYSTEM:ID} ({@link AdvisoryLockKey}), a batch's claims taken in one statement
 * and let go in one, on a connection of this instance's own (never a pooled one, never the record locks' one). An
 * instance that dies lets its claims go with its session. When the connection fails, PostgreSQL has let every claim
 * it held go (a batch in flight may then be claimed elsewhere: its writes are idempotent upserts, remembered under
 * the records' locks); the next call opens a new connection. A record one thread here claimed is not claimed by
 * another thread here (a session's advisory locks are re-entrant: PostgreSQL would grant it). Thread-safe.
 */
public final class PostgresSendClaims implements SendClaims, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSendClaims.class);
    private static final String CLAIM = "SELECT t.k, pg_try_advisory_lock(t.k) FROM unnest(?::bigint[]) AS t(k)";
    private static final String RELEASE = "SELECT t.k, pg_advisory_unlock(t.k) FROM unnest(?::bigint[]) AS t(k)";

    private final SessionConnections sessions;
    private final SessionConnection connection;
    /**
     * The claims threads here hold, each with the generation of the session it was taken on: a session's advisory
     * locks are re-entrant, so PostgreSQL would grant a second thread here a record another has in flight; it is left
     * out instead, also after that session failed (its holder still sends it), until its holder lets it go.
     */
    private final Map<Long, Long> heldHere = new HashMap<>();
    /** The session's generation: each close (a failure, the end) starts a new one. */
    private long generation;

    /** Claims on the store's PostgreSQL (the URL, user and password the store uses; password may be null). */
    public PostgresSendClaims(String jdbcUrl, String user, String password, String instance) {
        this.sessions = new SessionConnections(jdbcUrl, user, password, "stagesync send claims " + instance,
                "shared send claims");
        this.connection = new SessionConnection(sessions);
    }

    @Override
    public synchronized Set<String> claim(String system, Collection<String> canonicalIds) {
        Map<Long, String> byKey = keys(system, canonicalIds);
        byKey.keySet().removeAll(heldHere.keySet());
        if (byKey.isEmpty()) {
            return Set.of();
        }
        try {
            return claimed(call(CLAIM, byKey), byKey);
        } catch (SQLException first) {
            close();
            try {
                return claimed(call(CLAIM, byKey), byKey);
            } catch (SQLException again) {
                close();
                throw new StoreException("cannot claim " + byKey.size() + " write(s) to " + system + " on "
                        + sessions.url() + ": " + again.getMessage(), again);
            }
        }
    }

    /** Notes the claims taken as held here. */
    private Set<String> claimed(Set<String> ids, Map<Long, String> byKey) {
        byKey.forEach((key, id) -> {
            if (ids.contains(id)) {
                heldHere.put(key, generation);
            }
        });
        return ids;
    }

    @Override
    public synchronized void release(String system, Collection<String> canonicalIds) {
        Map<Long, String> byKey = keys(system, canonicalIds);
        int asked = byKey.size();
        int gone = 0;
        for (java.util.Iterator<Long> keys = byKey.keySet().iterator(); keys.hasNext(); ) {
            Long taken = heldHere.remove(keys.next());
            if (taken == null || taken != generation) {
                // not held here, or taken on a session that failed since (which let it go)
                gone += taken == null ? 0 : 1;
                keys.remove();
            }
        }
        if (gone > 0) {
            LOG.warn("{} of {} claim(s) on writes to {} were gone before they were let go (the claims connection "
                    + "failed meanwhile): another instance may have sent them at the same time", gone, asked, system);
        }
        if (byKey.isEmpty() || !connection.isOpen()) {
            return;
        }
        try {
            Set<String> released = call(RELEASE, byKey);
            if (released.size() < byKey.size()) {
                LOG.warn("{} of {} claim(s) on writes to {} were not held any more when let go (the claims "
                        + "connection failed meanwhile): another instance may have sent them at the same time",
                        byKey.size() - released.size(), byKey.size(), system);
            }
        } catch (SQLException e) {
            close();
            LOG.warn("letting {} claim(s) on writes to {} go failed (the claims connection is closed, which lets "
                    + "them go): {}", byKey.size(), system, e.getMessage());
        }
    }

    private static Map<Long, String> keys(String system, Collection<String> canonicalIds) {
        Map<Long, String> byKey = new HashMap<>();
        for (String id : new LinkedHashSet<>(canonicalIds)) {
            byKey.put(AdvisoryLockKey.of("send:" + system + ":" + id), id);
        }
        return byKey;
    }

    /** @return the ids whose lock function answered true */
    private Set<String> call(String sql, Map<Long, String> byKey) throws SQLException {
        Connection open = connection.get();
        Set<String> yes = new LinkedHashSet<>();
        try (PreparedStatement statement = open.prepareStatement(sql)) {
            Array keys = open.createArrayOf("bigint", byKey.keySet().toArray(new Long[0]));
            statement.setArray(1, keys);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (rows.getBoolean(2)) {
                        yes.add(byKey.get(rows.getLong(1)));
                    }
                }
            }
        }
        return yes;
    }

    /** Closes the connection, which lets every claim it holds go. */
    @Override
    public synchronized void close() {
        generation++;
        connection.close();
    }
}
