package io.stagesync.sandbox.pardot;

/**
 * A request the Pardot simulator refuses, as Account Engagement v5 would: an HTTP status and a v5
 * error code with its message, answered as {@code {"code": n, "message": "…"}}. Thrown by the
 * simulator's state and query code, turned into a response at the HTTP edge; the Java API lets it
 * through as an {@link IllegalArgumentException}.
 */
final class PardotFault extends IllegalArgumentException {
    private final int status;
    private final int code;

    PardotFault(int status, int code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** 400 with the code. */
    static PardotFault badRequest(int code, String message) {
        return new PardotFault(400, code, message);
    }

    int status() {
        return status;
    }

    int code() {
        return code;
    }
}
