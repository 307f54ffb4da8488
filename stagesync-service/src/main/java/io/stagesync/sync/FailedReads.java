package io.stagesync.sync;

import io.stagesync.connector.SystemRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The records this process dead-lettered on reading them, by content, so a record read again
 * unchanged (the look-back window re-reads the records just behind the watermark at every poll
 * until it settles) does not add the same dead letter again. In memory and bounded: after a
 * restart, or for a record forgotten to make room, the worst case is one more letter. Thread-safe.
 */
final class FailedReads {
    static final int CAPACITY = 10_000;

    private final Map<String, String> payloads = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Whether exactly this payload of the record went to the dead letters already. */
    synchronized boolean isRepeat(SystemRecord record, String payload) {
        return payload.equals(payloads.get(key(record)));
    }

    /** Notes that this payload of the record went to the dead letters. */
    synchronized void failed(SystemRecord record, String payload) {
        payloads.put(key(record), payload);
    }

    /** Forgets the record: it was applied, so a later failure of it is news. */
    synchronized void forget(SystemRecord record) {
        payloads.remove(key(record));
    }

    private static String key(SystemRecord record) {
        return record.system() + "\u0000" + record.objectType() + "\u0000" + record.id();
    }
}
