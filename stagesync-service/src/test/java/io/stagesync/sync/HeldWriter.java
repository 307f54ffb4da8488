package io.stagesync.sync;

import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A system's writer (over an {@link InMemorySystem}) that holds the next write of one record until {@link #letGo},
 * and notes each call per record and the records written by two calls at once.
 */
final class HeldWriter implements RecordWriter {
    private final InMemorySystem system;
    private final Set<String> writing = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();
    final List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile String holding;

    HeldWriter(InMemorySystem system) {
        this.system = system;
    }

    void holdNext(String key) {
        holding = key;
    }

    void letGo() {
        release.countDown();
    }

    int calls(String key) {
        return calls.getOrDefault(key, 0);
    }

    @Override
    public List<WriteResult> upsert(String objectType, String keyField, List<UpsertRequest> requests) {
        List<String> keys = requests.stream().map(UpsertRequest::key).toList();
        keys.forEach(key -> {
            calls.merge(key, 1, Integer::sum);
            if (!writing.add(key)) {
                overlaps.add(key);
            }
        });
        try {
            if (keys.contains(holding)) {
                holding = null;
                held.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
            synchronized (system) {
                return system.upsert(objectType, keyField, requests);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            keys.forEach(writing::remove);
        }
    }
}
