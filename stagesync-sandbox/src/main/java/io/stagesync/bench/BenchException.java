package io.stagesync.bench;

/** A benchmark could not run or finish; the message says what and where it stopped. */
public final class BenchException extends RuntimeException {
    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
