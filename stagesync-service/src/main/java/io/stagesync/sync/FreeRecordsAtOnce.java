package io.stagesync.sync;

import io.stagesync.connector.SystemCallException;
import io.stagesync.store.StateStore;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link Sender} batches a step of its store work (planning, intents, remembering, follow-ups): the records of
 * the batch no other thread holds get their locks without a wait ({@link KeyedLocks#tryLockFree}) and one unit of
 * work; the others are left to the caller to do one by one, waiting for each lock. A whole-system failure
 * ({@link SystemCallException}) propagates; any other failure rolls the unit back and leaves every item to the
 * caller, so one bad record costs only itself. For a thread holding no record lock.
 */
final class FreeRecordsAtOnce {
    private static final Logger LOG = LoggerFactory.getLogger(FreeRecordsAtOnce.class);

    /**
     * @param done the items the unit of work did (committed); empty when none was free or the unit failed
     * @param left the items for the caller to do one by one, in the order given
     */
    record Outcome<T>(List<T> done, List<T> left) {
    }

    private FreeRecordsAtOnce() {
    }

    /**
     * @param what  what the step is, for the DEBUG line when the unit fails (e.g. "intents of 200 writes to netsuite")
     * @param key   the canonical record id of an item
     * @param unit  the step for the free items, run inside one unit of work under their locks
     */
    static <T> Outcome<T> run(KeyedLocks locks, StateStore store, String what, Collection<T> items,
                              Function<T, String> key, Consumer<List<T>> unit) {
        List<T> all = List.copyOf(items);
        try (KeyedLocks.Held<T> held = locks.tryLockFree(all, key)) {
            if (!held.free().isEmpty()) {
                store.atomically(() -> unit.accept(held.free()));
            }
            return new Outcome<>(held.free(), held.elsewhere());
        } catch (SystemCallException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.debug("{} done one by one: doing them at once failed: {}", what, ThrottledLog.describe(e));
            return new Outcome<>(List.of(), all);
        }
    }
}
