package io.stagesync.admin;

import io.stagesync.store.DeadLetter;
import java.util.Objects;

/**
 * Applies a dead letter's payload again. {@code POST
 * /api/dead-letters/{id}/replay} marks the letter REPLAYING (attempts + 1) and then calls {@link #replay}:
 *
 * <ul>
 * <li>{@link Result#resolved(String)}: the change is applied (or nothing was left to do); the API marks the
 *     letter RESOLVED with the text as its resolution. The letter is kept, for the audit trail.</li>
 * <li>{@link Result#failed(String)}: it failed again; the API marks it OPEN with the new error.</li>
 * <li>{@link Result#queued()}: the replayer took it and will mark it RESOLVED or OPEN itself (through the
 *     dead letter store) when done; the API answers 202 and leaves it REPLAYING.</li>
 * </ul>
 * An exception from {@code replay} counts as {@code failed} with its message.
 *
 * <p>{@code run} plugs in the sync engine's replayer ({@code io.stagesync.app.EngineDeadLetterReplayer}) once the
 * connectors exist; before that {@link #unavailable()} is used: {@link #available()} is false and the API answers
 * 501 without touching the letter. Implementations are thread-safe.
 */
public interface DeadLetterReplayer {

    /** Whether replays can run; false makes the API answer 501 and leave the letter as it is. */
    boolean available();

    /** Replays one letter, already marked REPLAYING. */
    Result replay(DeadLetter letter);

    /** The replayer until the sync engine is up (the first seconds after start), or of a process without one. */
    static DeadLetterReplayer unavailable() {
        return new DeadLetterReplayer() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public Result replay(DeadLetter letter) {
                throw new UnsupportedOperationException("no sync engine is running in this process yet");
            }
        };
    }

    /**
     * How a replay ended.
     *
     * @param kind       what happened
     * @param error      nullable: the failure's message when {@code kind} is FAILED, else null
     * @param resolution nullable: what the replay did when {@code kind} is RESOLVED, else null
     */
    record Result(Kind kind, String error, String resolution) {
        public Result {
            Objects.requireNonNull(kind, "kind");
            if ((kind == Kind.FAILED) != (error != null)) {
                throw new IllegalArgumentException("an error message comes with FAILED and only with it");
            }
            if (resolution != null && kind != Kind.RESOLVED) {
                throw new IllegalArgumentException("a resolution comes only with RESOLVED");
            }
        }

        public static Result resolved() {
            return new Result(Kind.RESOLVED, null, null);
        }

        /** @param resolution what the replay did, kept with the letter */
        public static Result resolved(String resolution) {
            return new Result(Kind.RESOLVED, null, Objects.requireNonNull(resolution, "resolution"));
        }

        public static Result failed(String error) {
            return new Result(Kind.FAILED, Objects.requireNonNull(error, "error"), null);
        }

        public static Result queued() {
            return new Result(Kind.QUEUED, null, null);
        }

        /** The outcome of a replay. */
        public enum Kind { RESOLVED, FAILED, QUEUED }
    }
}
