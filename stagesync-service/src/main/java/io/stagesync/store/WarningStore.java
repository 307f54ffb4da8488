package io.stagesync.store;

import java.util.List;

/** Warnings about decisions taken by rule (append-only). Thread-safe. */
public interface WarningStore {
    /** Records a warning now; returns it with its id. */
    SyncWarning add(String canonicalId, String system, String objectType, String externalId, String message);

    /** The newest warnings first, at most {@code limit} (1..10 000). */
    List<SyncWarning> recent(int limit);
}
