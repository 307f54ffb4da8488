package io.stagesync.model;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the engine remembers about a canonical record besides its fields, so that "newest wins", echo
 * suppression, dead-letter replays and crash recovery can decide without asking any system again. Kept apart from
 * the record's fields so conditions, KPIs and identity keys never see it.
 *
 * <p>Two parts: per canonical field, when its value last changed at its source ({@link #fieldChangedAt}); and per
 * {@link SystemObject} the record has met, an {@link AtObject}. Beside them, entries a store found and could not
 * read (written by another version, or damaged) are carried as they were, so saving the record does not lose
 * them; the engine never reads them. Immutable: every {@code with...} returns a copy. Equal when all parts are
 * equal (the engine relies on it to skip saving bookkeeping that did not change).
 *
 * @param fieldTimes canonical field to the source modstamp its value came with; unmodifiable, sorted by field
 * @param objects    per system object, what is known of the record there; unmodifiable, sorted; never holds
 *                   an empty {@link AtObject}
 * @param unread     stored entries not understood, by their stored key, values as stored; unmodifiable, sorted
 */
public record Bookkeeping(Map<String, Instant> fieldTimes, Map<SystemObject, AtObject> objects,
                          Map<String, Object> unread) {
    /** Nothing remembered yet: a record never applied. */
    public static final Bookkeeping NONE = new Bookkeeping(Map.of(), Map.of(), Map.of());

    public Bookkeeping {
        unread = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(unread, "unread")));
        fieldTimes = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(fieldTimes, "fieldTimes")));
        TreeMap<SystemObject, AtObject> kept = new TreeMap<>();
        Objects.requireNonNull(objects, "objects").forEach((at, state) -> {
            if (!Objects.requireNonNull(state, "state of " + at).isEmpty()) {
                kept.put(at, state);
            }
        });
        objects = Collections.unmodifiableMap(kept);
    }

    /**
     * What is known of the record in one system object.
     *
     * @param seenStage   the stage value last read there or written there, so only a change of it proposes a
     *                    move; null when none
     * @param appliedFrom the modstamp of the newest change applied from there, so an older replayed dead letter
     *                    is recognised as superseded; null when none
     * @param written     each projection entry's text as last written there (or read, when applied from there),
     *                    so a write carries only what differs; empty when never written
     * @param sending     the intents of writes planned there and not yet remembered, oldest first (each the
     *                    projection entries the write changes, as text), so a read showing one is not taken
     *                    for a user's edit after a crash; empty when none
     */
    public record AtObject(String seenStage, Instant appliedFrom, Map<String, String> written,
                           List<Map<String, String>> sending) {
        static final AtObject EMPTY = new AtObject(null, null, Map.of(), List.of());

        public AtObject {
            written = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(written, "written")));
            sending = Objects.requireNonNull(sending, "sending").stream()
                    .map(intent -> Collections.unmodifiableMap(new TreeMap<>(intent))).toList();
        }

        /** Whether nothing at all is known (such a state is not kept). */
        public boolean isEmpty() {
            return seenStage == null && appliedFrom == null && written.isEmpty() && sending.isEmpty();
        }
    }

    /** When the value of {@code field} last changed at its source; empty when never taken from one. */
    public Optional<Instant> fieldChangedAt(String field) {
        return Optional.ofNullable(fieldTimes.get(field));
    }

    /** A copy noting that the values of {@code fields} came with source modstamp {@code at}. */
    public Bookkeeping withFieldsChangedAt(java.util.Collection<String> fields, Instant at) {
        if (fields.isEmpty()) {
            return this;
        }
        Map<String, Instant> times = new TreeMap<>(fieldTimes);
        fields.forEach(field -> times.put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(at, "at")));
        return new Bookkeeping(times, objects, unread);
    }

    /** A copy noting that {@code field}'s value came with source modstamp {@code at}. */
    public Bookkeeping withFieldChangedAt(String field, Instant at) {
        Map<String, Instant> times = new TreeMap<>(fieldTimes);
        times.put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(at, "at"));
        return new Bookkeeping(times, objects, unread);
    }

    /** What is known of the record in {@code at}; an empty state when nothing. */
    public AtObject at(SystemObject at) {
        return objects.getOrDefault(at, AtObject.EMPTY);
    }

    /** The stage value last seen in or written to {@code at}. */
    public Optional<String> seenStage(SystemObject at) {
        return Optional.ofNullable(at(at).seenStage());
    }

    /** The modstamp of the newest change applied from {@code at}. */
    public Optional<Instant> appliedFrom(SystemObject at) {
        return Optional.ofNullable(at(at).appliedFrom());
    }

    /** Each projection entry's text as last written to (or applied from) {@code at}; empty when never. */
    public Map<String, String> written(SystemObject at) {
        return at(at).written();
    }

    /** The open write intents for {@code at}, oldest first; empty when none. */
    public List<Map<String, String>> sending(SystemObject at) {
        return at(at).sending();
    }

    public Bookkeeping withSeenStage(SystemObject at, String stageValue) {
        AtObject was = at(at);
        return with(at, new AtObject(stageValue, was.appliedFrom(), was.written(), was.sending()));
    }

    public Bookkeeping withAppliedFrom(SystemObject at, Instant modstamp) {
        AtObject was = at(at);
        return with(at, new AtObject(was.seenStage(), modstamp, was.written(), was.sending()));
    }

    public Bookkeeping withWritten(SystemObject at, Map<String, String> written) {
        AtObject was = at(at);
        return with(at, new AtObject(was.seenStage(), was.appliedFrom(), written, was.sending()));
    }

    public Bookkeeping withSending(SystemObject at, List<Map<String, String>> sending) {
        AtObject was = at(at);
        return with(at, new AtObject(was.seenStage(), was.appliedFrom(), was.written(), sending));
    }

    private Bookkeeping with(SystemObject at, AtObject state) {
        Map<SystemObject, AtObject> all = new TreeMap<>(objects);
        all.put(Objects.requireNonNull(at, "at"), state);
        return new Bookkeeping(fieldTimes, all, unread);
    }
}
