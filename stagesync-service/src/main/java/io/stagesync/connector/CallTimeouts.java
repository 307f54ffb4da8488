package io.stagesync.connector;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one HTTP call to a system may take before it is abandoned: a call that runs into any of
 * the three is a retriable failure with status 0 (it counts for the circuit breaker) and is logged
 * as one WARN line naming the system, the operation and the time it took. Immutable.
 *
 * <p>Each connector reads the three from its own section (keys {@value #CONNECT_KEY},
 * {@value #READ_KEY}, {@value #CALL_KEY} under {@code stagesync.<system>.}, whole seconds), with
 * defaults sized to that vendor's API; see {@link ConnectorSettingsReader#timeouts}.
 *
 * @param connect how long to wait for the TCP (and TLS) connection, > 0
 * @param read    how long the connection may stay silent (no byte arrives) while a response is
 *                awaited or read: a hung server is caught here, > 0
 * @param call    the longest one request may take as a whole, from sending to the last byte of the
 *                response, even while bytes keep trickling in; at least {@code connect} and {@code read}
 */
public record CallTimeouts(Duration connect, Duration read, Duration call) {
    /** Key suffix of the connect timeout, in seconds. */
    public static final String CONNECT_KEY = "connect-timeout-seconds";
    /** Key suffix of the read (socket idle) timeout, in seconds. */
    public static final String READ_KEY = "read-timeout-seconds";
    /** Key suffix of the whole-call timeout, in seconds. */
    public static final String CALL_KEY = "call-timeout-seconds";
    /** The largest value any of the three keys takes, in seconds (one hour). */
    public static final int MAX_SECONDS = 3600;

    public CallTimeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(read, "read");
        Objects.requireNonNull(call, "call");
        if (!isPositive(connect) || !isPositive(read) || !isPositive(call)) {
            throw new IllegalArgumentException("timeouts must be positive; got connect " + connect + ", read " + read
                    + ", call " + call);
        }
        if (call.compareTo(read) < 0 || call.compareTo(connect) < 0) {
            throw new IllegalArgumentException("the call timeout (" + call + ") must be at least the connect ("
                    + connect + ") and read (" + read + ") timeouts");
        }
    }

    /** Timeouts in whole seconds. */
    public static CallTimeouts ofSeconds(long connect, long read, long call) {
        return new CallTimeouts(Duration.ofSeconds(connect), Duration.ofSeconds(read), Duration.ofSeconds(call));
    }

    private static boolean isPositive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    @Override
    public String toString() {
        return "connect " + connect.toMillis() + " ms, read " + read.toMillis() + " ms, call " + call.toMillis() + " ms";
    }
}
