package io.stagesync.sync;

import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import io.stagesync.store.CanonicalRecordRow;
import io.stagesync.store.StaleRecordException;
import io.stagesync.store.StateStore;
import io.stagesync.store.XrefConflictException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends planned writes in batches per target object and key field, and records their outcome:
 * on success the xref link, the written hash (echo suppression) and the written state; on a
 * per-record failure a dead letter with the payload and the vendor's reason. A whole-call
 * failure propagates (the page is not committed and is read again on the next poll).
 */
final class WriteExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(WriteExecutor.class);
    static final int MAX_BATCH = 200;

    private final StateStore store;
    private final Connectors connectors;
    private final WritePlanner planner;
    private final CanonicalValues values;
    private final KeyedLocks locks;
    private final OwnWrites ownWrites;

    WriteExecutor(StateStore store, Connectors connectors, WritePlanner planner, CanonicalValues values, KeyedLocks locks,
                  OwnWrites ownWrites) {
        this.store = store;
        this.connectors = connectors;
        this.planner = planner;
        this.values = values;
        this.locks = locks;
        this.ownWrites = ownWrites;
    }

    /**
     * Sends the writes; each per-record failure becomes a dead letter.
     *
     * @return the canonical ids that got a new link in a target (their other records may now need its id)
     */
    java.util.Set<String> execute(List<PlannedWrite> writes) {
        return execute(writes, this::deadLetter);
    }

    /**
     * Sends the writes; each per-record failure (a problem found when planning, a refusal by the target, a
     * link conflict) goes to {@code onFailure} with its reason instead of the dead letters.
     *
     * @return the canonical ids that got a new link in a target
     */
    java.util.Set<String> execute(List<PlannedWrite> writes, BiConsumer<PlannedWrite, String> onFailure) {
        Map<String, List<PlannedWrite>> groups = new LinkedHashMap<>();
        for (PlannedWrite write : writes) {
            if (write.problem() != null) {
                onFailure.accept(write, write.problem());
                continue;
            }
            groups.computeIfAbsent(write.target().system() + "\u0000" + write.target().object() + "\u0000"
                    + write.keyField(), k -> new ArrayList<>()).add(write);
        }
        java.util.Set<String> linked = new java.util.LinkedHashSet<>();
        for (List<PlannedWrite> group : groups.values()) {
            for (int from = 0; from < group.size(); from += MAX_BATCH) {
                send(group.subList(from, Math.min(group.size(), from + MAX_BATCH)), linked, onFailure);
            }
        }
        return linked;
    }

    private void send(List<PlannedWrite> chunk, java.util.Set<String> linked, BiConsumer<PlannedWrite, String> onFailure) {
        PlannedWrite first = chunk.get(0);
        List<UpsertRequest> requests = chunk.stream().map(w -> new UpsertRequest(w.key(), w.fields())).toList();
        List<WriteResult> results = connectors.get(first.target().system()).orElseThrow().writer()
                .upsert(first.target().object(), first.keyField(), requests);
        for (int i = 0; i < chunk.size(); i++) {
            WriteResult result = i < results.size() ? results.get(i) : null;
            if (result == null) {
                onFailure.accept(chunk.get(i), "no result returned for this record");
            } else if (result.success()) {
                written(chunk.get(i), result, linked, onFailure);
            } else {
                onFailure.accept(chunk.get(i), (result.errorCode() == null ? "" : result.errorCode() + ": ")
                        + result.message());
            }
        }
    }

    private void written(PlannedWrite write, WriteResult result, java.util.Set<String> linked,
                         BiConsumer<PlannedWrite, String> onFailure) {
        String system = write.target().system();
        String object = write.target().object();
        ownWrites.wrote(write.canonicalId(), system, object);
        try {
            String id = result.id() != null ? result.id()
                    : write.keyField().equals(connectors.get(system).orElseThrow().dialect().idKeyField()) ? write.key() : null;
            if (id != null && store.xrefs().find(write.canonicalId(), system, object).isEmpty()) {
                store.xrefs().link(write.canonicalId(), system, object, id);
                linked.add(write.canonicalId());
            }
            if (store.xrefs().find(write.canonicalId(), system, object).isPresent()) {
                store.xrefs().recordWrittenHash(write.canonicalId(), system, object, values.hash(write.projection()));
            }
        } catch (XrefConflictException e) {
            onFailure.accept(write, "written, but " + e.getMessage());
            return;
        }
        rememberWritten(write);
    }

    private void rememberWritten(PlannedWrite write) {
        locks.lock(write.canonicalId());
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                CanonicalRecordRow row = store.records().find(write.canonicalId()).orElse(null);
                if (row == null) {
                    return;
                }
                Map<String, Object> fields = new LinkedHashMap<>(row.fields());
                fields.put(RecordMeta.written(write.target().system(), write.target().object()),
                        planner.writtenJson(write.projection()));
                if (write.stageValue() != null) {
                    fields.put(RecordMeta.seenStage(write.target().system(), write.target().object()), write.stageValue());
                }
                try {
                    store.records().save(row.with(row.stage(), fields));
                    return;
                } catch (StaleRecordException e) {
                    LOG.debug("record {} changed while recording a write; retrying", write.canonicalId());
                }
            }
        } finally {
            locks.unlock(write.canonicalId());
        }
    }

    void deadLetter(PlannedWrite write, String error) {
        store.deadLetters().add(write.target().system(), write.target().object(),
                write.key() == null || write.key().isEmpty() ? null : write.key(), DeadLetterPayload.ofWrite(write), error);
        LOG.warn("dead letter: write of {} to {} failed: {}", write.canonicalId(), write.target().label(), error);
    }

}
