package io.stagesync.store.jdbc;

import io.stagesync.store.MatchKeyStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/** {@link MatchKeyStore} on table {@code match_key}; a duplicate put is absorbed by the primary key. */
public final class JdbcMatchKeyStore implements MatchKeyStore {
    private static final String INSERT =
            "INSERT INTO match_key (entity_type, key_kind, key_value, canonical_id) VALUES (?, ?, ?, ?)";
    private static final String DELETE =
            "DELETE FROM match_key WHERE entity_type = ? AND key_kind = ? AND canonical_id = ?";
    private static final String FIND = "SELECT canonical_id FROM match_key WHERE entity_type = ? AND key_kind = ?"
            + " AND key_value = ? ORDER BY canonical_id";
    private static final String KEYS_OF = "SELECT key_kind, key_value FROM match_key WHERE canonical_id = ?"
            + " AND entity_type = ?";

    private final Jdbc jdbc;

    public JdbcMatchKeyStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, clock);
    }

    @Override
    public void put(String entityType, String kind, String value, String canonicalId) {
        if (find(entityType, kind, value).contains(canonicalId)) {
            return;
        }
        try {
            jdbc.update("put match key " + kind, INSERT, entityType, kind, value, canonicalId);
        } catch (DuplicateKeyException alreadyThere) {
            // a concurrent put of the same key won; the key is there, which is all we promise
        }
    }

    @Override
    public void clear(String entityType, String kind, String canonicalId) {
        jdbc.update("clear match keys " + kind + " of " + canonicalId, DELETE, entityType, kind, canonicalId);
    }

    @Override
    public List<String> find(String entityType, String kind, String value) {
        return jdbc.queryList("find match key " + kind, FIND, row -> row.getString(1), entityType, kind, value);
    }

    @Override
    public Map<String, Set<String>> keysOf(String entityType, String canonicalId) {
        Map<String, Set<String>> keys = new TreeMap<>();
        for (String[] key : jdbc.queryList("read the match keys of " + canonicalId, KEYS_OF,
                row -> new String[] {row.getString(1), row.getString(2)}, canonicalId, entityType)) {
            keys.computeIfAbsent(key[0], k -> new TreeSet<>()).add(key[1]);
        }
        return keys;
    }
}
