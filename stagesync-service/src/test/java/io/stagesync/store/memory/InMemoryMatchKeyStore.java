package io.stagesync.store.memory;

import io.stagesync.store.MatchKeyStore;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link MatchKeyStore} in memory, for unit tests: the contract of {@code store.jdbc.JdbcMatchKeyStore} (checked by
 * {@code InMemoryStoresTest} running {@code MatchKeyStoreContract}): keys are (entity type, kind, value, canonical
 * id), put is idempotent, find answers sorted ids. Values are stored as given (callers normalize). Thread-safe.
 */
public final class InMemoryMatchKeyStore implements MatchKeyStore {
    private record Key(String entityType, String kind, String value, String canonicalId) {
    }

    private final Set<Key> keys = new java.util.HashSet<>();

    @Override
    public synchronized void put(String entityType, String kind, String value, String canonicalId) {
        keys.add(new Key(entityType, kind, value, canonicalId));
    }

    @Override
    public synchronized void clear(String entityType, String kind, String canonicalId) {
        keys.removeIf(k -> k.entityType().equals(entityType) && k.kind().equals(kind)
                && k.canonicalId().equals(canonicalId));
    }

    @Override
    public synchronized java.util.Map<String, Set<String>> keysOf(String entityType, String canonicalId) {
        java.util.Map<String, Set<String>> held = new java.util.TreeMap<>();
        keys.stream().filter(k -> k.entityType().equals(entityType) && k.canonicalId().equals(canonicalId))
                .forEach(k -> held.computeIfAbsent(k.kind(), x -> new TreeSet<>()).add(k.value()));
        return held;
    }

    @Override
    public synchronized List<String> find(String entityType, String kind, String value) {
        TreeSet<String> ids = new TreeSet<>();
        keys.stream().filter(k -> k.entityType().equals(entityType) && k.kind().equals(kind) && k.value().equals(value))
                .forEach(k -> ids.add(k.canonicalId()));
        return List.copyOf(ids);
    }
}
