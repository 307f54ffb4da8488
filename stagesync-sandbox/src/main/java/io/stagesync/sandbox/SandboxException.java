package io.stagesync.sandbox;

/** The sandbox could not start or run; the message names the problem and what to do. */
public final class SandboxException extends RuntimeException {
    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
