package io.stagesync.connector;

import java.time.Duration;
import java.util.Optional;

/**
 * A call to a system that failed, with the remote facts: HTTP status, vendor error code and an
 * excerpt of the body. Each connector's classifier decides {@link #retriable()}.
 *
 * <p>Retriable: throttling (429, vendor concurrency codes), 5xx, timeouts, connection failures.
 * Permanent: validation, permission, not found, bad request. {@code retryAfter} is the wait the
 * system asked for (e.g. a {@code Retry-After} header), when it gave one.
 */
public class SystemCallException extends RuntimeException {
    private final String system;
    private final String operation;
    private final int status;
    private final String vendorCode;
    private final String bodyExcerpt;
    private final boolean retriable;
    private final Duration retryAfter;

    public SystemCallException(String system, String operation, int status, String vendorCode, String message,
                               String bodyExcerpt, boolean retriable, Duration retryAfter, Throwable cause) {
        super(system + " " + operation + " failed" + (status > 0 ? " with HTTP " + status : "")
                + (vendorCode == null ? "" : " " + vendorCode) + (message == null ? "" : ": " + message), cause);
        this.system = system;
        this.operation = operation;
        this.status = status;
        this.vendorCode = vendorCode;
        this.bodyExcerpt = bodyExcerpt;
        this.retriable = retriable;
        this.retryAfter = retryAfter;
    }

    public String system() {
        return system;
    }

    public String operation() {
        return operation;
    }

    /** The HTTP status, or 0 when no response came (connection failure, timeout). */
    public int status() {
        return status;
    }

    /** The vendor's error code (e.g. {@code INVALID_SESSION_ID}, {@code USER_ERROR}), or null. */
    public String vendorCode() {
        return vendorCode;
    }

    /** At most ~500 characters of the response body, or null. */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }

    /** Whether trying again later may succeed. */
    public boolean retriable() {
        return retriable;
    }

    /** The wait the system asked for before retrying, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
