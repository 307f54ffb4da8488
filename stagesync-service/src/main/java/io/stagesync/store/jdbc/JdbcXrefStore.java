package io.stagesync.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.stagesync.store.StoreException;
import io.stagesync.store.XrefConflictException;
import io.stagesync.store.XrefEntry;
import io.stagesync.store.XrefStore;

/**
 * {@link XrefStore} on table {@code xref}. Links are created by a plain INSERT; when a unique key rejects
 * it, the row that won is re-read and decides the answer (same link: fine; different: conflict). Reading
 * first is only a fast path that avoids a failed INSERT in the common case; correctness never depends on it.
 */
public final class JdbcXrefStore implements XrefStore {

    private static final String COLUMNS =
            "canonical_id, system_name, object_type, external_id, last_written_hash, updated_at, deleted_at,"
                    + " merged_into";
    private static final String BY_EXTERNAL = "SELECT " + COLUMNS
            + " FROM xref WHERE system_name = ? AND object_type = ? AND external_id = ?";
    private static final String BY_CANONICAL = "SELECT " + COLUMNS
            + " FROM xref WHERE canonical_id = ? ORDER BY system_name, object_type";
    private static final String BY_CANONICAL_AND_SYSTEM = "SELECT " + COLUMNS
            + " FROM xref WHERE canonical_id = ? AND system_name = ? AND object_type = ?";
    private static final String INSERT = "INSERT INTO xref (" + COLUMNS + ") VALUES (?, ?, ?, ?, NULL, ?, NULL, NULL)";
    private static final String UPDATE_HASH = "UPDATE xref SET last_written_hash = ?, updated_at = ?"
            + " WHERE canonical_id = ? AND system_name = ? AND object_type = ?";
    private static final String MARK_DELETED = "UPDATE xref SET deleted_at = ?, merged_into = ?, updated_at = ?"
            + " WHERE system_name = ? AND object_type = ? AND external_id = ? AND deleted_at IS NULL";
    private static final String RESTORE = "UPDATE xref SET deleted_at = NULL, merged_into = NULL, last_written_hash = NULL,"
            + " updated_at = ?"
            + " WHERE system_name = ? AND object_type = ? AND external_id = ? AND deleted_at IS NOT NULL";
    private static final String MOVE = "UPDATE xref SET canonical_id = ?, updated_at = ?"
            + " WHERE canonical_id = ? AND system_name = ? AND object_type = ?";

    private final Jdbc jdbc;

    /** A store over the migrated schema reachable through the data source; times come from the clock. */
    public JdbcXrefStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, clock);
    }

    @Override
    public Optional<XrefEntry> findByExternal(String system, String objectType, String externalId) {
        return jdbc.queryOne("find xref " + system + "/" + objectType + "/" + externalId,
                BY_EXTERNAL, JdbcXrefStore::map, system, objectType, externalId);
    }

    @Override
    public List<XrefEntry> findByCanonical(String canonicalId) {
        return jdbc.queryList("find xrefs of " + canonicalId, BY_CANONICAL, JdbcXrefStore::map, canonicalId);
    }

    @Override
    public Optional<XrefEntry> find(String canonicalId, String system, String objectType) {
        return jdbc.queryOne("find xref of " + canonicalId + " in " + system + "/" + objectType,
                BY_CANONICAL_AND_SYSTEM, JdbcXrefStore::map, canonicalId, system, objectType);
    }

    @Override
    public XrefEntry link(String canonicalId, String system, String objectType, String externalId) {
        Objects.requireNonNull(canonicalId, "canonicalId");
        Optional<XrefEntry> existing = findByExternal(system, objectType, externalId);
        if (existing.isPresent()) {
            return sameOrConflict(existing.get(), canonicalId);
        }
        XrefEntry entry = new XrefEntry(canonicalId, system, objectType, externalId, null, jdbc.now());
        try {
            insert(entry);
            return entry;
        } catch (DuplicateKeyException lost) {
            return winnerOf(entry, lost);
        }
    }

    @Override
    public String resolveOrCreate(String system, String objectType, String externalId,
                                  Supplier<String> newCanonicalId) {
        Optional<XrefEntry> existing = findByExternal(system, objectType, externalId);
        if (existing.isPresent()) {
            return existing.get().canonicalId();
        }
        String candidate = Objects.requireNonNull(newCanonicalId.get(), "newCanonicalId supplied null");
        XrefEntry entry = new XrefEntry(candidate, system, objectType, externalId, null, jdbc.now());
        try {
            insert(entry);
            return candidate;
        } catch (DuplicateKeyException lost) {
            return findByExternal(system, objectType, externalId)
                    .orElseThrow(() -> canonicalSideConflict(entry, lost))
                    .canonicalId();
        }
    }

    @Override
    public void recordWrittenHash(String canonicalId, String system, String objectType, String hash) {
        int updated = jdbc.update("record written hash of " + canonicalId + " in " + system + "/" + objectType,
                UPDATE_HASH, hash, jdbc.now(), canonicalId, system, objectType);
        if (updated == 0) {
            throw new NoSuchElementException("No xref links " + canonicalId + " to " + system + "/" + objectType);
        }
    }

    @Override
    public Optional<XrefEntry> markDeleted(String system, String objectType, String externalId, String mergedInto) {
        Instant now = jdbc.now();
        jdbc.update("mark " + system + "/" + objectType + "/" + externalId + " deleted", MARK_DELETED, now,
                mergedInto, now, system, objectType, externalId);
        return findByExternal(system, objectType, externalId);
    }

    @Override
    public boolean restore(String system, String objectType, String externalId) {
        return jdbc.update("restore " + system + "/" + objectType + "/" + externalId, RESTORE, jdbc.now(), system,
                objectType, externalId) > 0;
    }

    @Override
    public Optional<XrefEntry> move(String fromCanonicalId, String toCanonicalId, String system, String objectType) {
        Optional<XrefEntry> moving = find(fromCanonicalId, system, objectType);
        if (moving.isEmpty() || fromCanonicalId.equals(toCanonicalId)) {
            return moving;
        }
        try {
            jdbc.update("move " + describe(moving.get()) + " to canonical id " + toCanonicalId, MOVE, toCanonicalId,
                    jdbc.now(), fromCanonicalId, system, objectType);
        } catch (DuplicateKeyException taken) {
            throw new XrefConflictException("Cannot move " + describe(moving.get()) + " from canonical id "
                    + fromCanonicalId + " to " + toCanonicalId + ": that canonical id is already linked to "
                    + find(toCanonicalId, system, objectType).map(JdbcXrefStore::describe).orElse("another "
                    + system + "/" + objectType));
        }
        return findByExternal(system, objectType, moving.get().externalId());
    }

    private void insert(XrefEntry entry) {
        jdbc.update("link " + entry.canonicalId() + " to " + describe(entry), INSERT, entry.canonicalId(),
                entry.system(), entry.objectType(), entry.externalId(), entry.updatedAt());
    }

    /** After a unique key rejected {@code wanted}: the existing link that won, if it agrees with wanted. */
    private XrefEntry winnerOf(XrefEntry wanted, DuplicateKeyException lost) {
        return findByExternal(wanted.system(), wanted.objectType(), wanted.externalId())
                .map(existing -> sameOrConflict(existing, wanted.canonicalId()))
                .orElseThrow(() -> canonicalSideConflict(wanted, lost));
    }

    /** After a unique key rejected {@code wanted} and no row holds its external id: the canonical side's. */
    private StoreException canonicalSideConflict(XrefEntry wanted, DuplicateKeyException lost) {
        Optional<XrefEntry> byCanonical = find(wanted.canonicalId(), wanted.system(), wanted.objectType());
        if (byCanonical.isPresent()) {
            return new XrefConflictException("Cannot link " + describe(wanted) + " to canonical id "
                    + wanted.canonicalId() + ": that canonical id is already linked to "
                    + describe(byCanonical.get()));
        }
        return new StoreException("Linking " + describe(wanted) + " hit a unique key, but the conflicting"
                + " row is gone (deleted concurrently?)", lost);
    }

    private static XrefEntry sameOrConflict(XrefEntry existing, String wantedCanonicalId) {
        if (existing.canonicalId().equals(wantedCanonicalId)) {
            return existing;
        }
        throw new XrefConflictException("Cannot link " + describe(existing) + " to canonical id "
                + wantedCanonicalId + ": it is already linked to canonical id " + existing.canonicalId());
    }

    private static String describe(XrefEntry entry) {
        return entry.system() + "/" + entry.objectType() + "/" + entry.externalId();
    }

    private static XrefEntry map(ResultSet row) throws SQLException {
        return new XrefEntry(row.getString("canonical_id"), row.getString("system_name"),
                row.getString("object_type"), row.getString("external_id"), row.getString("last_written_hash"),
                Jdbc.instant(row, "updated_at"), Jdbc.instant(row, "deleted_at"), row.getString("merged_into"));
    }
}
