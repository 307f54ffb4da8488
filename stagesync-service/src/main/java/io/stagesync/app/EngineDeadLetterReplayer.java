package io.stagesync.app;

import io.stagesync.admin.DeadLetterReplayer;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.DeadLetterStore;
import io.stagesync.sync.ReplayOutcome;
import io.stagesync.sync.SyncEngine;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's replayer backed by the running sync engine: a replay runs synchronously on the caller's
 * thread through {@link SyncEngine#replay}, serialized with the polls per canonical record. Thread-safe.
 */
public final class EngineDeadLetterReplayer implements DeadLetterReplayer {
    private static final Logger LOG = LoggerFactory.getLogger(EngineDeadLetterReplayer.class);
    static final String INTERRUPTED = "interrupted: stagesync stopped while replaying it; replay it again";

    private final SyncEngine engine;

    public EngineDeadLetterReplayer(SyncEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Result replay(DeadLetter letter) {
        ReplayOutcome outcome = engine.replay(letter);
        LOG.info("dead letter {} ({} {} {}) replayed: {}", letter.id(), letter.system(), letter.objectType(),
                letter.externalId(), outcome.message());
        return outcome.resolved() ? Result.resolved(outcome.message()) : Result.failed(outcome.message());
    }

    /**
     * Puts letters left REPLAYING by a process that stopped mid-replay back to OPEN. Replays run synchronously
     * inside one process, so at start-up a REPLAYING letter has nobody working on it; call this only where one
     * process owns the store (the design's default).
     *
     * @return how many letters were reopened
     */
    public static int reopenInterrupted(DeadLetterStore letters) {
        return reopenInterrupted(letters, null, java.time.Clock.systemUTC());
    }

    /**
     * As {@link #reopenInterrupted(DeadLetterStore)} where several instances share the store: a letter another
     * instance may be replaying right now (changed within {@code olderThan}) is left alone; a replay takes seconds.
     *
     * @param olderThan only letters unchanged for this long; null = all
     */
    public static int reopenInterrupted(DeadLetterStore letters, java.time.Duration olderThan, java.time.Clock clock) {
        int reopened = 0;
        List<DeadLetter> stuck = letters.list(DeadLetter.Status.REPLAYING, 1000);
        java.time.Instant before = olderThan == null ? null : clock.instant().minus(olderThan);
        for (DeadLetter letter : stuck) {
            if (before != null && letter.updatedAt() != null && letter.updatedAt().isAfter(before)) {
                continue;
            }
            try {
                letters.markFailedAgain(letter.id(), INTERRUPTED);
                reopened++;
            } catch (IllegalStateException e) {
                // finished or discarded meanwhile: nothing to reopen
            }
        }
        if (reopened > 0) {
            LOG.warn("{} dead letter(s) were left REPLAYING by a stopped process: OPEN again", reopened);
        }
        return reopened;
    }
}
