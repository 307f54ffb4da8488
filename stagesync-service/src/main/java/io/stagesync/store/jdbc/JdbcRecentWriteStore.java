package io.stagesync.store.jdbc;

import io.stagesync.store.RecentWriteStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@link RecentWriteStore} on table {@code recent_write}. A position is the row's identity: ids are handed out in
 * order, so a write inserted after {@link #position()} read the highest committed id has a higher one. A write whose
 * row is inserted but not yet committed may count as later than a position taken meanwhile; that only corrects a
 * read for a write it already shows, which changes nothing.
 */
public final class JdbcRecentWriteStore implements RecentWriteStore {
    private static final String POSITION = "SELECT COALESCE(MAX(id), 0) FROM recent_write";
    private static final String INSERT = "INSERT INTO recent_write (canonical_id, system_name, object_name,"
            + " before_json, written_json, remembered_at) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String SINCE = "SELECT id, before_json, written_json FROM recent_write"
            + " WHERE canonical_id = ? AND system_name = ? AND object_name = ? AND id > ? ORDER BY id";
    private static final String FORGET = "DELETE FROM recent_write WHERE remembered_at < ?";

    private final Jdbc jdbc;

    public JdbcRecentWriteStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, clock);
    }

    @Override
    public long position() {
        return jdbc.queryOne("read the position of the recent writes", POSITION, row -> row.getLong(1)).orElse(0L);
    }

    @Override
    public long append(String canonicalId, String system, String object, Map<String, String> before,
                       Map<String, Object> written) {
        return jdbc.insertReturningId("remember the write of " + canonicalId + " to " + system + " " + object,
                INSERT, canonicalId, system, object, JsonCodec.writeFields(new LinkedHashMap<>(before)),
                JsonCodec.writeFields(written), jdbc.now());
    }

    @Override
    public List<RecentWrite> since(String canonicalId, String system, String object, long after) {
        return jdbc.queryList("read the recent writes of " + canonicalId + " to " + system + " " + object, SINCE,
                row -> new RecentWrite(row.getLong(1), texts(JsonCodec.readFields(row.getString(2))),
                        JsonCodec.readFields(row.getString(3))), canonicalId, system, object, after);
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        return jdbc.update("forget the recent writes before " + cutoff, FORGET, Jdbc.micros(cutoff));
    }

    private static Map<String, String> texts(Map<String, Object> json) {
        Map<String, String> texts = new LinkedHashMap<>();
        json.forEach((key, value) -> texts.put(key, value == null ? "" : value.toString()));
        return texts;
    }
}
