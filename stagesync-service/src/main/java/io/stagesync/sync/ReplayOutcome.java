package io.stagesync.sync;

import java.util.Objects;

/**
 * How the replay of one dead letter ended.
 *
 * @param resolved true when the letter is done with (applied, or nothing was left to do); false when it failed
 *                 again and stays open
 * @param message  for a resolved letter what the replay did (kept as its resolution), for a failed one the new
 *                 reason (kept as its error); never blank
 */
public record ReplayOutcome(boolean resolved, String message) {
    public ReplayOutcome {
        Objects.requireNonNull(message, "message");
        if (message.isBlank()) {
            throw new IllegalArgumentException("a replay outcome says what happened");
        }
    }

    static ReplayOutcome resolved(String message) {
        return new ReplayOutcome(true, message);
    }

    static ReplayOutcome failed(String message) {
        return new ReplayOutcome(false, message);
    }
}
