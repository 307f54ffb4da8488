package io.stagesync.sync;

/** A new record whose match key fits several known records: refused rather than guessed. */
final class AmbiguousMatchException extends RuntimeException {
    AmbiguousMatchException(String message) {
        super(message);
    }
}
