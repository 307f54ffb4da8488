package io.stagesync.store.jdbc;

import io.stagesync.store.FencedOutException;
import io.stagesync.store.LeaderEpochStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link LeaderEpochStore} on table {@code capture_leader}. The check locks the row ({@code SELECT … FOR UPDATE}),
 * so a take waits for the unit of work that checked, and that unit's writes are committed before the new leader
 * reads them.
 */
public final class JdbcLeaderEpochStore implements LeaderEpochStore {
    private static final String LOCKED = "SELECT epoch, holder FROM capture_leader WHERE namespace = ? FOR UPDATE";
    private static final String SELECT = "SELECT namespace, epoch, holder, acquired_at FROM capture_leader"
            + " WHERE namespace = ?";
    private static final String UPDATE = "UPDATE capture_leader SET epoch = ?, holder = ?, acquired_at = ?"
            + " WHERE namespace = ?";
    private static final String INSERT = "INSERT INTO capture_leader (namespace, epoch, holder, acquired_at)"
            + " VALUES (?, ?, ?, ?)";

    private final Jdbc jdbc;

    public JdbcLeaderEpochStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, clock);
    }

    @Override
    public long take(String namespace, String holder) {
        Instant now = jdbc.now();
        return jdbc.inTransaction("take the lead of " + namespace, connection -> {
            Optional<Long> epoch = Jdbc.queryOne(connection, LOCKED, row -> row.getLong(1), namespace);
            long next = epoch.map(e -> e + 1).orElse(1L);
            if (epoch.isPresent()) {
                Jdbc.update(connection, UPDATE, next, holder, now, namespace);
            } else {
                Jdbc.update(connection, INSERT, namespace, next, holder, now);
            }
            return next;
        });
    }

    @Override
    public void requireCurrent(String namespace, long epoch) {
        jdbc.inTransaction("check the lead of " + namespace, connection -> {
            Optional<String[]> row = Jdbc.queryOne(connection, LOCKED,
                    r -> new String[] {String.valueOf(r.getLong(1)), r.getString(2)}, namespace);
            if (row.isEmpty()) {
                throw new FencedOutException(namespace + ": no instance has taken the lead; this one (epoch " + epoch
                        + ") does not hold it: nothing is moved");
            }
            if (Long.parseLong(row.get()[0]) != epoch) {
                throw new FencedOutException(namespace + ": the lead was taken over by " + row.get()[1] + " (epoch "
                        + row.get()[0] + "); this instance held epoch " + epoch + ": nothing is moved");
            }
            return null;
        });
    }

    @Override
    public void caughtUp(String namespace, long epoch) {
        jdbc.update("note the lead of " + namespace + " caught up", "UPDATE capture_leader SET caught_up_epoch = ?"
                + " WHERE namespace = ? AND epoch = ?", epoch, namespace, epoch);
    }

    @Override
    public boolean caughtUp(String namespace) {
        return jdbc.queryOne("read whether the lead of " + namespace + " caught up", "SELECT 1 FROM capture_leader"
                + " WHERE namespace = ? AND caught_up_epoch = epoch", row -> true, namespace).orElse(false);
    }

    @Override
    public Optional<Leader> current(String namespace) {
        return jdbc.queryOne("read the lead of " + namespace, SELECT, row -> new Leader(row.getString(1),
                row.getLong(2), row.getString(3), Jdbc.instant(row, "acquired_at")), namespace);
    }
}
