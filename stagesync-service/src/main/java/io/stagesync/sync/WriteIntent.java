package io.stagesync.sync;

import io.stagesync.mapping.ObjectMapping;
import io.stagesync.model.Bookkeeping;
import io.stagesync.model.SystemObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The intents of writes to a target, kept in a canonical record's bookkeeping ({@link Bookkeeping#sending}) from
 * before a write is sent until it is remembered as written: each the projection the target holds once it lands.
 *
 * <p>Why: a write can land in the target and the process die (kill -9, a crash, a timeout after the vendor
 * applied it) before the write is remembered. The target's last known state then still shows the values from
 * before, so a later read of the record, touched since by a user for another field and so carrying a newer
 * modstamp, would present stagesync's own old write as that user's edit and put it back over a newer change
 * made elsewhere (a lost update found by the kill -9 crash test). A value read that equals an intent's is
 * therefore not news from the target, like a value equal to its last known state.
 *
 * <p>Several intents may be open at once (a write that landed unremembered, then writes planned but not sent, or
 * sent and failed), so the last {@value #KEPT} are kept, oldest first. An intent is stored in the same save as
 * the change that planned it (or, for writes planned elsewhere, just before the call); when its write is
 * remembered, or a read shows all of it (it landed and was seen), it and the older ones are dropped.
 *
 * <p>An intent holds only the entries its write changes (a field the write leaves alone is never taken for it),
 * and the intent of a write the target refused is dropped. The price: while an intent is open (its write timed
 * out, is held in an outbox or was planned and not sent, and no later write to that target was remembered), a
 * user who sets that field there to exactly the intent's value is not heard until the next write to that target.
 * Stateless.
 */
final class WriteIntent {
    /** How many intents per record and target are kept. */
    static final int KEPT = 4;

    private final WritePlanner planner;

    WriteIntent(WritePlanner planner) {
        this.planner = planner;
    }

    /** The target's open intents in {@code bookkeeping}, oldest first (each projection entry to its text). */
    List<Map<String, String>> of(Bookkeeping bookkeeping, ObjectMapping target) {
        return bookkeeping.sending(WritePlanner.at(target));
    }

    /** Whether one of the intents (see {@link #of}) would have put {@code text} in {@code entry}. */
    static boolean intended(List<Map<String, String>> intents, String entry, String text) {
        for (Map<String, String> intent : intents) {
            if (text != null && text.equals(intent.get(entry))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The bookkeeping with the write's intent added as the target's newest: the projection entries the write
     * changes there (those that differ from the target's last known state); unchanged when it changes none.
     */
    Bookkeeping store(Bookkeeping bookkeeping, PlannedWrite write) {
        Map<String, String> intent = intentOf(bookkeeping, write);
        if (intent.isEmpty()) {
            return bookkeeping;
        }
        SystemObject at = WritePlanner.at(write.target());
        List<Map<String, String>> intents = new ArrayList<>(bookkeeping.sending(at));
        intents.remove(intent);
        intents.add(intent);
        return bookkeeping.withSending(at, intents.subList(Math.max(0, intents.size() - KEPT), intents.size()));
    }

    /** Whether a write's intent needs storing: it will be sent, and its target is read back as a projection. */
    static boolean needed(PlannedWrite write) {
        return write.problem() == null && !write.projection().isEmpty();
    }

    /** The bookkeeping without the newest intent the state read shows in full, and without the older ones. */
    Bookkeeping dropShown(Bookkeeping bookkeeping, ObjectMapping target, Map<String, String> read) {
        SystemObject at = WritePlanner.at(target);
        List<Map<String, String>> intents = bookkeeping.sending(at);
        for (int i = intents.size() - 1; i >= 0; i--) {
            if (intents.get(i).entrySet().stream().allMatch(e -> e.getValue().equals(read.getOrDefault(e.getKey(), "")))) {
                return bookkeeping.withSending(at, intents.subList(i + 1, intents.size()));
            }
        }
        return bookkeeping;
    }

    /**
     * The bookkeeping without every intent older than the write, which is remembered now, and without its own: a
     * write remembered supersedes what was meant before it.
     */
    Bookkeeping dropRemembered(Bookkeeping bookkeeping, PlannedWrite write) {
        SystemObject at = WritePlanner.at(write.target());
        List<Map<String, String>> intents = bookkeeping.sending(at);
        int index = intents.lastIndexOf(intentOf(bookkeeping, write));
        return bookkeeping.withSending(at, index >= 0 ? intents.subList(index + 1, intents.size()) : List.of());
    }

    /** The bookkeeping without the intent of a write the target refused (it did not land), keeping the others. */
    Bookkeeping dropRefused(Bookkeeping bookkeeping, PlannedWrite write) {
        SystemObject at = WritePlanner.at(write.target());
        List<Map<String, String>> intents = new ArrayList<>(bookkeeping.sending(at));
        return intents.remove(intentOf(bookkeeping, write)) ? bookkeeping.withSending(at, intents) : bookkeeping;
    }

    /** The entries of the write's projection that differ from the target's last known state. */
    private Map<String, String> intentOf(Bookkeeping bookkeeping, PlannedWrite write) {
        Map<String, String> known = bookkeeping.written(WritePlanner.at(write.target()));
        Map<String, String> intent = new java.util.TreeMap<>();
        planner.texts(write.projection()).forEach((entry, text) -> {
            if (!text.equals(known.get(entry))) {
                intent.put(entry, text);
            }
        });
        return intent;
    }
}
