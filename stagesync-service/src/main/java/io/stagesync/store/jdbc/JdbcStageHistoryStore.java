package io.stagesync.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;

import io.stagesync.store.HistoryQuery;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StageHistoryEntry.Outcome;
import io.stagesync.store.StageHistoryStore;

/**
 * {@link StageHistoryStore} on table {@code stage_history}; path, rules and reasons are compact JSON arrays.
 *
 * <p>The rule filter is a LIKE on the JSON text that matches one whole element: the pattern is the rule's
 * JSON string literal (quotes included, LIKE wildcards escaped) preceded by {@code [} or {@code ,}. In compact
 * JSON a quote after {@code [} or {@code ,} can only open an element, and the closing quote of the literal
 * can only close it, so {@code "lead-score"} never matches {@code "lead-score-min"} nor a substring of another
 * element. Not index-assisted: combine it with a time window on large histories.
 */
public final class JdbcStageHistoryStore implements StageHistoryStore {

    private static final String COLUMNS = "id, canonical_id, entity_type, from_stage, to_stage, outcome, policy,"
            + " source_system, path, rules, reasons, occurred_at";
    private static final String INSERT = "INSERT INTO stage_history (canonical_id, entity_type, from_stage,"
            + " to_stage, outcome, policy, source_system, path, rules, reasons, occurred_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FOR_RECORD = "SELECT " + COLUMNS + " FROM stage_history WHERE canonical_id = ?"
            + " ORDER BY occurred_at, id";
    private static final char LIKE_ESCAPE = '!';

    private final Jdbc jdbc;

    /** A store over the migrated schema reachable through the data source. */
    public JdbcStageHistoryStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, Clock.systemUTC());
    }

    @Override
    public StageHistoryEntry append(StageHistoryEntry entry) {
        StageHistoryEntry stored = new StageHistoryEntry(0, entry.canonicalId(), entry.entityType(),
                entry.fromStage(), entry.toStage(), entry.outcome(), entry.policy(), entry.sourceSystem(),
                entry.path(), entry.rules(), entry.reasons(), Jdbc.micros(entry.occurredAt()));
        long id = jdbc.insertReturningId("append stage history of " + entry.canonicalId(), INSERT,
                stored.canonicalId(), stored.entityType(), stored.fromStage(), stored.toStage(), stored.outcome(),
                stored.policy(), stored.sourceSystem(), JsonCodec.writeList(stored.path()),
                JsonCodec.writeList(stored.rules()), JsonCodec.writeList(stored.reasons()), stored.occurredAt());
        return stored.withId(id);
    }

    @Override
    public List<StageHistoryEntry> forRecord(String canonicalId) {
        return jdbc.queryList("read stage history of " + canonicalId, FOR_RECORD, JdbcStageHistoryStore::map,
                canonicalId);
    }

    @Override
    public List<StageHistoryEntry> query(HistoryQuery query) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM stage_history WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (!query.outcomes().isEmpty()) {
            sql.append(" AND outcome IN (").append(String.join(", ", Collections.nCopies(query.outcomes().size(), "?")))
                    .append(")");
            params.addAll(query.outcomes());
        }
        if (query.rule() != null) {
            String element = escapeLike(JsonCodec.writeString(query.rule()));
            sql.append(" AND (rules LIKE ? ESCAPE '!' OR rules LIKE ? ESCAPE '!')");
            params.add("%[" + element + "%");
            params.add("%," + element + "%");
        }
        equal(sql, params, "from_stage", query.fromStage());
        equal(sql, params, "to_stage", query.toStage());
        equal(sql, params, "source_system", query.sourceSystem());
        if (query.since() != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(query.since());
        }
        if (query.until() != null) {
            sql.append(" AND occurred_at < ?");
            params.add(query.until());
        }
        sql.append(query.newestFirst() ? " ORDER BY occurred_at DESC, id DESC LIMIT ?" : " ORDER BY occurred_at, id LIMIT ?");
        params.add(query.limit());
        return jdbc.queryList("query stage history", sql.toString(), JdbcStageHistoryStore::map, params.toArray());
    }

    private static void equal(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    static String escapeLike(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                escaped.append(LIKE_ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private static StageHistoryEntry map(ResultSet row) throws SQLException {
        return new StageHistoryEntry(row.getLong("id"), row.getString("canonical_id"), row.getString("entity_type"),
                row.getString("from_stage"), row.getString("to_stage"), Outcome.valueOf(row.getString("outcome")),
                row.getString("policy"), row.getString("source_system"), JsonCodec.readList(row.getString("path")),
                JsonCodec.readList(row.getString("rules")), JsonCodec.readList(row.getString("reasons")),
                Jdbc.instant(row, "occurred_at"));
    }
}
