package io.stagesync.admin;

import io.stagesync.store.DeadLetter;
import io.stagesync.store.DeadLetterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letter endpoints that change a letter: replay one, replay every open letter of a system, discard
 * one; also what {@code stagesync replay} runs when the service is not running, so both answer alike. A
 * letter is never deleted: RESOLVED and DISCARDED letters stay with their payload, error, attempts
 * and resolution (the audit trail). Thread-safe: the store's conditional updates make two replays of one
 * letter race safely (the loser gets 409).
 */
public final class DeadLetterActions {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterActions.class);
    /** How many letters one replay of a system takes by default, and at most. */
    public static final int DEFAULT_BATCH = 100;
    public static final int MAX_BATCH = 1000;

    private final DeadLetterStore letters;
    private final Supplier<DeadLetterReplayer> replayer;

    /** @param replayer supplies the replayer to use now (the engine's, or {@link DeadLetterReplayer#unavailable()}) */
    public DeadLetterActions(DeadLetterStore letters, Supplier<DeadLetterReplayer> replayer) {
        this.letters = Objects.requireNonNull(letters, "letters");
        this.replayer = Objects.requireNonNull(replayer, "replayer");
    }

    /** {@code POST /api/dead-letters/{id}/replay}: 200 with the letter after the replay, 202 queued, 409, 501. */
    public AdminReply replay(long id) {
        DeadLetter letter = find(id);
        DeadLetterReplayer current = replayer.get();
        if (!current.available()) {
            return unavailable("dead letter " + id + " stays " + letter.status() + "; fix the cause and touch the "
                    + "record in " + letter.system() + " so the next poll reads it again");
        }
        DeadLetter replaying;
        try {
            replaying = letters.markReplaying(id);
        } catch (IllegalStateException e) {
            return new AdminReply(409, AdminViews.error(409, "dead letter " + id + " cannot be replayed: "
                    + e.getMessage(), null));
        } catch (NoSuchElementException e) {
            throw AdminException.notFound("no dead letter with id " + id);
        }
        DeadLetterReplayer.Result result = run(current, replaying);
        try {
            DeadLetter after = record(replaying, result);
            return new AdminReply(result.kind() == DeadLetterReplayer.Result.Kind.QUEUED ? 202 : 200,
                    AdminViews.deadLetter(after));
        } catch (IllegalStateException e) {
            return new AdminReply(409, AdminViews.error(409, "dead letter " + id + " changed during its replay: "
                    + e.getMessage(), null));
        }
    }

    /**
     * {@code POST /api/dead-letters/replay?system=&limit=}: replays the system's OPEN letters oldest first (so
     * a later change of a record wins), one at a time; a letter another caller took meanwhile is skipped.
     */
    AdminReply replayAll(AdminQuery query) {
        String system = query.string("system");
        if (system == null) {
            throw AdminException.badParameter("system", "parameter 'system' is required: the system whose open dead "
                    + "letters to replay (e.g. salesforce)");
        }
        return replayAll(system, query.intIn("limit", 1, MAX_BATCH, DEFAULT_BATCH));
    }

    /**
     * Replays up to {@code limit} OPEN letters of {@code system}, oldest first.
     *
     * @return 200 with {@code system, replayed, resolved, failed, queued, skipped, truncated, deadLetters}, or 501
     */
    public AdminReply replayAll(String system, int limit) {
        DeadLetterReplayer current = replayer.get();
        if (!current.available()) {
            return unavailable("the dead letters of " + system + " stay OPEN");
        }
        List<Map<String, Object>> done = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String kind : List.of("resolved", "failed", "queued", "skipped")) {
            counts.put(kind, 0);
        }
        List<DeadLetter> open = letters.openOldestFirst(system, limit);
        for (DeadLetter letter : open) {
            DeadLetter replaying;
            try {
                replaying = letters.markReplaying(letter.id());
            } catch (IllegalStateException | NoSuchElementException e) {
                counts.merge("skipped", 1, Integer::sum);
                continue;
            }
            DeadLetterReplayer.Result result = run(current, replaying);
            try {
                done.add(AdminViews.deadLetter(record(replaying, result)));
                counts.merge(result.kind().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
            } catch (IllegalStateException e) {
                counts.merge("skipped", 1, Integer::sum);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("system", system);
        body.put("replayed", done.size());
        body.putAll(counts);
        body.put("truncated", open.size() == limit);
        body.put("deadLetters", done);
        return AdminReply.ok(body);
    }

    /** {@code POST /api/dead-letters/{id}/discard?reason=}: OPEN (or stuck REPLAYING) → DISCARDED, kept. */
    AdminReply discard(long id, AdminQuery query) {
        find(id);
        String reason = query.string("reason");
        try {
            return AdminReply.ok(AdminViews.deadLetter(letters.discard(id, reason == null
                    ? "discarded by an admin" : "discarded by an admin: " + reason)));
        } catch (IllegalStateException e) {
            return new AdminReply(409, AdminViews.error(409, "dead letter " + id + " cannot be discarded: "
                    + e.getMessage(), null));
        }
    }

    private DeadLetter find(long id) {
        return letters.find(id).orElseThrow(() -> AdminException.notFound("no dead letter with id " + id));
    }

    private static DeadLetterReplayer.Result run(DeadLetterReplayer current, DeadLetter replaying) {
        try {
            return current.replay(replaying);
        } catch (RuntimeException e) {
            // one line, not a stack trace per letter and retry: a whole-call failure (system down) is expected here
            LOG.warn("replay of dead letter {} failed: {}: {}", replaying.id(), e.getClass().getSimpleName(),
                    e.getMessage());
            LOG.debug("replay of dead letter {} failed", replaying.id(), e);
            return DeadLetterReplayer.Result.failed("replay failed: " + e.getMessage());
        }
    }

    private DeadLetter record(DeadLetter replaying, DeadLetterReplayer.Result result) {
        return switch (result.kind()) {
            case RESOLVED -> letters.markResolved(replaying.id(), result.resolution());
            case FAILED -> letters.markFailedAgain(replaying.id(), result.error());
            case QUEUED -> replaying;
        };
    }

    private static AdminReply unavailable(String what) {
        return new AdminReply(501, AdminViews.error(501, "replay is not available in this process: " + what, null));
    }

    /** A positive id from the path, else 400. */
    public static long parseId(String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw AdminException.badParameter("id", "the dead letter id must be a positive whole number, got '" + text + "'");
    }
}
