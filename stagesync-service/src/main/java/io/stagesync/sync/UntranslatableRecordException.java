package io.stagesync.sync;

/** A record that cannot be brought into canonical terms (an unmapped stage value, a value of the wrong type). */
final class UntranslatableRecordException extends RuntimeException {
    UntranslatableRecordException(String message) {
        super(message);
    }
}
