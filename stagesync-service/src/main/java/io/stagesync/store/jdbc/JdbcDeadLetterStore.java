package io.stagesync.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import io.stagesync.store.DeadLetter;
import io.stagesync.store.DeadLetter.Status;
import io.stagesync.store.DeadLetterStore;

/**
 * {@link DeadLetterStore} on table {@code dead_letter}. Each transition is a conditional
 * {@code UPDATE ... WHERE id = ? AND status IN (allowed)} followed, in the same transaction, by reading the
 * row back; when no row was updated, that read tells an unknown id from a forbidden transition.
 */
public final class JdbcDeadLetterStore implements DeadLetterStore {

    private static final String COLUMNS = "id, system_name, object_type, external_id, payload, error, attempts,"
            + " status, created_at, updated_at, resolution";
    private static final String INSERT = "INSERT INTO dead_letter (system_name, object_type, external_id, payload,"
            + " error, attempts, status, created_at, updated_at, record_key) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)";
    private static final String FIND_UNFINISHED_OF_RECORD = "SELECT id FROM dead_letter WHERE record_key = ?"
            + " AND status IN ('OPEN', 'REPLAYING') ORDER BY id";
    private static final String FAILED_AGAIN_IN_PLACE = "UPDATE dead_letter SET payload = ?, error = ?,"
            + " attempts = attempts + 1, updated_at = ? WHERE id = ? AND status IN ('OPEN', 'REPLAYING')";
    private static final String HAS_OPEN_OF_RECORD =
            "SELECT 1 FROM dead_letter WHERE record_key = ? AND status = 'OPEN'";
    private static final String RESOLVE_OPEN_OF_RECORD = "UPDATE dead_letter SET status = 'RESOLVED', resolution = ?,"
            + " updated_at = ? WHERE record_key = ? AND status = 'OPEN'";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM dead_letter WHERE id = ?";
    private static final String LIST_ANY = "SELECT " + COLUMNS + " FROM dead_letter"
            + " ORDER BY created_at DESC, id DESC LIMIT ?";
    private static final String LIST_STATUS = "SELECT " + COLUMNS + " FROM dead_letter WHERE status = ?"
            + " ORDER BY created_at DESC, id DESC LIMIT ?";
    private static final String OPEN_OF_SYSTEM = "SELECT " + COLUMNS + " FROM dead_letter"
            + " WHERE system_name = ? AND status = 'OPEN' ORDER BY created_at, id LIMIT ?";
    private static final String COUNT = "SELECT COUNT(*) FROM dead_letter WHERE status = ?";
    private static final String HAS_OPEN = "SELECT id FROM dead_letter WHERE system_name = ? AND object_type = ?"
            + " AND external_id = ? AND status IN ('OPEN', 'REPLAYING') FETCH FIRST 1 ROWS ONLY";
    private static final String TO_REPLAYING = "UPDATE dead_letter SET status = 'REPLAYING',"
            + " attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'OPEN'";
    private static final String TO_RESOLVED = "UPDATE dead_letter SET status = 'RESOLVED', resolution = ?, updated_at = ?"
            + " WHERE id = ? AND status IN ('OPEN', 'REPLAYING')";
    private static final String TO_OPEN_AGAIN = "UPDATE dead_letter SET status = 'OPEN', error = ?, updated_at = ?"
            + " WHERE id = ? AND status = 'REPLAYING'";
    private static final String TO_DISCARDED = "UPDATE dead_letter SET status = 'DISCARDED', resolution = ?, updated_at = ?"
            + " WHERE id = ? AND status IN ('OPEN', 'REPLAYING')";

    private final Jdbc jdbc;

    /** A store over the migrated schema reachable through the data source; times come from the clock. */
    public JdbcDeadLetterStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, clock);
    }

    @Override
    public DeadLetter add(String system, String objectType, String externalId, String payload, String error) {
        return insert(null, system, objectType, externalId, payload, error);
    }

    /** Synchronized: of two callers recording the same record at once, the second updates the first's letter. */
    @Override
    public synchronized DeadLetter addOrUpdate(String recordKey, String system, String objectType, String externalId,
                                               String payload, String error) {
        Objects.requireNonNull(recordKey, "recordKey");
        if (recordKey.length() > MAX_RECORD_KEY_CHARS) {
            throw new IllegalArgumentException("a record key is at most " + MAX_RECORD_KEY_CHARS + " characters, got "
                    + recordKey.length());
        }
        Optional<Long> existing = jdbc.queryOne("find the open dead letter of " + system + "/" + objectType,
                FIND_UNFINISHED_OF_RECORD, row -> row.getLong(1), recordKey);
        if (existing.isPresent()) {
            long id = existing.get();
            Optional<DeadLetter> updated = jdbc.inTransaction("update dead letter " + id, connection ->
                    Jdbc.update(connection, FAILED_AGAIN_IN_PLACE, bounded(payload, MAX_PAYLOAD_CHARS),
                            bounded(error, MAX_ERROR_CHARS), jdbc.now(), id) == 0 ? Optional.<DeadLetter>empty()
                            : Optional.of(read(connection, id)));
            if (updated.isPresent()) {
                return updated.get();
            }
        }
        return insert(recordKey, system, objectType, externalId, payload, error);
    }

    @Override
    public synchronized int resolveOpen(String recordKey, String resolution) {
        Objects.requireNonNull(recordKey, "recordKey");
        // read first: nearly every record has no open letter, and a read costs no commit
        if (jdbc.queryOne("find the open dead letter of " + recordKey, HAS_OPEN_OF_RECORD, row -> true, recordKey)
                .isEmpty()) {
            return 0;
        }
        return jdbc.update("resolve the open dead letter of " + recordKey, RESOLVE_OPEN_OF_RECORD, resolution,
                jdbc.now(), recordKey);
    }

    private DeadLetter insert(String recordKey, String system, String objectType, String externalId, String payload,
                              String error) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(error, "error");
        String storedPayload = bounded(payload, MAX_PAYLOAD_CHARS);
        String storedError = bounded(error, MAX_ERROR_CHARS);
        String storedId = externalId == null || externalId.length() <= MAX_EXTERNAL_ID_CHARS ? externalId
                : externalId.substring(0, MAX_EXTERNAL_ID_CHARS - 1) + "…";
        Instant now = jdbc.now();
        long id = jdbc.insertReturningId("add dead letter for " + system + "/" + objectType, INSERT,
                system, objectType, storedId, storedPayload, storedError, Status.OPEN, now, now, recordKey);
        return new DeadLetter(id, system, objectType, storedId, storedPayload, storedError, 1, Status.OPEN, now, now);
    }

    /**
     * The text itself when it fits in {@code max} characters, else its start and a note of how long it was, the
     * two together exactly {@code max} characters long.
     */
    static String bounded(String text, int max) {
        Objects.requireNonNull(text, "text");
        if (text.length() <= max) {
            return text;
        }
        String note = " … [cut by stagesync: it was " + text.length() + " characters long]";
        return text.substring(0, max - note.length()) + note;
    }

    @Override
    public Optional<DeadLetter> find(long id) {
        return jdbc.queryOne("find dead letter " + id, SELECT, JdbcDeadLetterStore::map, id);
    }

    @Override
    public List<DeadLetter> list(Status status, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return status == null
                ? jdbc.queryList("list dead letters", LIST_ANY, JdbcDeadLetterStore::map, limit)
                : jdbc.queryList("list " + status + " dead letters", LIST_STATUS, JdbcDeadLetterStore::map,
                        status, limit);
    }

    @Override
    public List<DeadLetter> openOldestFirst(String system, int limit) {
        Objects.requireNonNull(system, "system");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return jdbc.queryList("list open dead letters of " + system, OPEN_OF_SYSTEM, JdbcDeadLetterStore::map,
                system, limit);
    }

    @Override
    public boolean hasOpen(String system, String objectType, String externalId) {
        return jdbc.queryOne("look for open dead letters of " + system + " " + objectType + " " + externalId, HAS_OPEN,
                row -> row.getLong("id"), system, objectType, externalId).isPresent();
    }

    @Override
    public DeadLetter markReplaying(long id) {
        return transition(id, Status.REPLAYING, TO_REPLAYING, jdbc.now(), id);
    }

    @Override
    public DeadLetter markResolved(long id, String resolution) {
        return transition(id, Status.RESOLVED, TO_RESOLVED, resolution, jdbc.now(), id);
    }

    @Override
    public DeadLetter markFailedAgain(long id, String error) {
        Objects.requireNonNull(error, "error");
        return transition(id, Status.OPEN, TO_OPEN_AGAIN, error, jdbc.now(), id);
    }

    @Override
    public DeadLetter discard(long id, String reason) {
        return transition(id, Status.DISCARDED, TO_DISCARDED, reason, jdbc.now(), id);
    }

    @Override
    public long count(Status status) {
        return jdbc.queryOne("count " + status + " dead letters", COUNT, row -> row.getLong(1), status).orElse(0L);
    }

    private DeadLetter transition(long id, Status target, String sql, Object... params) {
        return jdbc.inTransaction("mark dead letter " + id + " " + target, connection -> {
            int updated = Jdbc.update(connection, sql, params);
            DeadLetter row = read(connection, id);
            if (updated == 0) {
                throw new IllegalStateException("Dead letter " + id + " is " + row.status()
                        + "; it cannot become " + target);
            }
            return row;
        });
    }

    private static DeadLetter read(Connection connection, long id) throws SQLException {
        return Jdbc.queryOne(connection, SELECT, JdbcDeadLetterStore::map, id)
                .orElseThrow(() -> new NoSuchElementException("No dead letter with id " + id));
    }

    private static DeadLetter map(ResultSet row) throws SQLException {
        return new DeadLetter(row.getLong("id"), row.getString("system_name"), row.getString("object_type"),
                row.getString("external_id"), row.getString("payload"), row.getString("error"),
                row.getInt("attempts"), Status.valueOf(row.getString("status")), Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "updated_at"), row.getString("resolution"));
    }
}
