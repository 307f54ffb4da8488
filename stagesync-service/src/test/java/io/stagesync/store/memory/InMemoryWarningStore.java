package io.stagesync.store.memory;

import io.stagesync.store.SyncWarning;
import io.stagesync.store.WarningStore;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link WarningStore} in memory, for unit tests: the contract of {@code store.jdbc.JdbcWarningStore} (checked by
 * {@code InMemoryStoresTest} running {@code WarningStoreContract}): append-only, ids from 1 in order of adding,
 * {@link #recent} newest first. {@link #all()} lets a test read every warning oldest first. Thread-safe.
 */
public final class InMemoryWarningStore implements WarningStore {
    private final List<SyncWarning> warnings = new ArrayList<>();
    private final Clock clock;

    public InMemoryWarningStore() {
        this(Clock.systemUTC());
    }

    public InMemoryWarningStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized SyncWarning add(String canonicalId, String system, String objectType, String externalId,
                                        String message) {
        SyncWarning warning = new SyncWarning(warnings.size() + 1, canonicalId, system, objectType, externalId, message,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        warnings.add(warning);
        return warning;
    }

    @Override
    public synchronized List<SyncWarning> recent(int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1..10000, got " + limit);
        }
        List<SyncWarning> newestFirst = new ArrayList<>(warnings);
        java.util.Collections.reverse(newestFirst);
        return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
    }

    /** Every warning, oldest first. */
    public synchronized List<SyncWarning> all() {
        return List.copyOf(warnings);
    }
}
