package io.stagesync.store.memory;

import io.stagesync.store.XrefConflictException;
import io.stagesync.store.XrefEntry;
import io.stagesync.store.XrefStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link XrefStore} in memory, for unit tests: the same contract as {@code store.jdbc.JdbcXrefStore} (checked by
 * {@code InMemoryStoresTest} running {@code XrefStoreContract}): both unique keys, idempotent linking, conflicts
 * naming both sides, atomic {@link #resolveOrCreate}. Every method is synchronized, so it is thread-safe.
 */
public final class InMemoryXrefStore implements XrefStore {
    private final List<XrefEntry> entries = new ArrayList<>();
    private final Clock clock;

    public InMemoryXrefStore() {
        this(Clock.systemUTC());
    }

    public InMemoryXrefStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<XrefEntry> findByExternal(String system, String objectType, String externalId) {
        return entries.stream().filter(e -> e.system().equals(system) && e.objectType().equals(objectType)
                && e.externalId().equals(externalId)).findFirst();
    }

    @Override
    public synchronized List<XrefEntry> findByCanonical(String canonicalId) {
        return entries.stream().filter(e -> e.canonicalId().equals(canonicalId))
                .sorted(Comparator.comparing(XrefEntry::system).thenComparing(XrefEntry::objectType)).toList();
    }

    @Override
    public synchronized Optional<XrefEntry> find(String canonicalId, String system, String objectType) {
        return entries.stream().filter(e -> e.canonicalId().equals(canonicalId) && e.system().equals(system)
                && e.objectType().equals(objectType)).findFirst();
    }

    @Override
    public synchronized XrefEntry link(String canonicalId, String system, String objectType, String externalId) {
        Objects.requireNonNull(canonicalId, "canonicalId");
        Optional<XrefEntry> existing = findByExternal(system, objectType, externalId);
        if (existing.isPresent()) {
            if (existing.get().canonicalId().equals(canonicalId)) {
                return existing.get();
            }
            throw new XrefConflictException("Cannot link " + describe(existing.get()) + " to canonical id "
                    + canonicalId + ": it is already linked to canonical id " + existing.get().canonicalId());
        }
        XrefEntry entry = new XrefEntry(canonicalId, system, objectType, externalId, null, now());
        Optional<XrefEntry> byCanonical = find(canonicalId, system, objectType);
        if (byCanonical.isPresent()) {
            throw new XrefConflictException("Cannot link " + describe(entry) + " to canonical id " + canonicalId
                    + ": that canonical id is already linked to " + describe(byCanonical.get()));
        }
        entries.add(entry);
        return entry;
    }

    @Override
    public synchronized String resolveOrCreate(String system, String objectType, String externalId,
                                               Supplier<String> newCanonicalId) {
        Optional<XrefEntry> existing = findByExternal(system, objectType, externalId);
        if (existing.isPresent()) {
            return existing.get().canonicalId();
        }
        String candidate = Objects.requireNonNull(newCanonicalId.get(), "newCanonicalId supplied null");
        return link(candidate, system, objectType, externalId).canonicalId();
    }

    @Override
    public synchronized void recordWrittenHash(String canonicalId, String system, String objectType, String hash) {
        XrefEntry entry = find(canonicalId, system, objectType).orElseThrow(() -> new NoSuchElementException(
                "No xref links " + canonicalId + " to " + system + "/" + objectType));
        entries.set(entries.indexOf(entry), new XrefEntry(canonicalId, system, objectType, entry.externalId(), hash,
                now(), entry.deletedAt(), entry.mergedInto()));
    }

    @Override
    public synchronized Optional<XrefEntry> markDeleted(String system, String objectType, String externalId,
                                                        String mergedInto) {
        Optional<XrefEntry> entry = findByExternal(system, objectType, externalId);
        if (entry.isEmpty() || entry.get().deleted()) {
            return entry;
        }
        XrefEntry e = entry.get();
        Instant now = now();
        XrefEntry marked = new XrefEntry(e.canonicalId(), system, objectType, externalId, e.lastWrittenHash(), now,
                now, mergedInto);
        entries.set(entries.indexOf(e), marked);
        return Optional.of(marked);
    }

    @Override
    public synchronized boolean restore(String system, String objectType, String externalId) {
        Optional<XrefEntry> entry = findByExternal(system, objectType, externalId);
        if (entry.isEmpty() || !entry.get().deleted()) {
            return false;
        }
        XrefEntry e = entry.get();
        entries.set(entries.indexOf(e), new XrefEntry(e.canonicalId(), system, objectType, externalId, null, now()));
        return true;
    }

    @Override
    public synchronized Optional<XrefEntry> move(String fromCanonicalId, String toCanonicalId, String system,
                                                 String objectType) {
        Optional<XrefEntry> moving = find(fromCanonicalId, system, objectType);
        if (moving.isEmpty() || fromCanonicalId.equals(toCanonicalId)) {
            return moving;
        }
        Optional<XrefEntry> taken = find(toCanonicalId, system, objectType);
        if (taken.isPresent()) {
            throw new XrefConflictException("Cannot move " + describe(moving.get()) + " from canonical id "
                    + fromCanonicalId + " to " + toCanonicalId + ": that canonical id is already linked to "
                    + describe(taken.get()));
        }
        XrefEntry e = moving.get();
        XrefEntry moved = new XrefEntry(toCanonicalId, system, objectType, e.externalId(), e.lastWrittenHash(), now(),
                e.deletedAt(), e.mergedInto());
        entries.set(entries.indexOf(e), moved);
        return Optional.of(moved);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String describe(XrefEntry entry) {
        return entry.system() + "/" + entry.objectType() + "/" + entry.externalId();
    }
}
