package io.stagesync.sync;

import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link InMemorySystem} that many threads (apply consumers, senders, several engines) may call at once: its
 * reads and writes take turns (a read's pages are collected in one turn and handed over after it), its creates are
 * counted, and a write notes the records it writes while it lasts (2 ms), so two writes of one record at once are
 * caught in {@link #overlaps}. Tests read the underlying system under this object's lock.
 */
final class ThreadSafeSystem implements ChangeReader, RecordWriter {
    final InMemorySystem system;
    /** Records (object/key) written by two calls at once, as caught. */
    final List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> writing = ConcurrentHashMap.newKeySet();
    private int creates;

    ThreadSafeSystem(InMemorySystem system) {
        this.system = system;
    }

    /** A user's change (see {@link InMemorySystem#put}). */
    synchronized void put(String object, String id, Map<String, Object> fields) {
        system.put(object, id, fields);
    }

    /** Records stagesync created here. */
    synchronized int creates() {
        return creates;
    }

    @Override
    public void readChanges(String objectType, ChangePosition after, int pageSize, PageConsumer consumer) {
        List<List<SystemRecord>> pages = new ArrayList<>();
        List<ChangePosition> ends = new ArrayList<>();
        synchronized (this) {
            system.readChanges(objectType, after, pageSize, (page, end) -> {
                pages.add(page);
                ends.add(end);
                return true;
            });
        }
        for (int i = 0; i < pages.size(); i++) {
            if (!consumer.accept(pages.get(i), ends.get(i))) {
                return;
            }
        }
    }

    @Override
    public synchronized Optional<SystemRecord> readRecord(String objectType, String id) {
        return system.readRecord(objectType, id);
    }

    @Override
    public List<WriteResult> upsert(String objectType, String keyField, List<UpsertRequest> requests) {
        List<String> keys = requests.stream().map(r -> objectType + "/" + r.key()).toList();
        for (String key : keys) {
            if (!writing.add(key)) {
                overlaps.add(key);
            }
        }
        try {
            Thread.sleep(2);
            synchronized (this) {
                List<WriteResult> results = system.upsert(objectType, keyField, requests);
                creates += (int) results.stream().filter(WriteResult::created).count();
                return results;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            keys.forEach(writing::remove);
        }
    }
}
