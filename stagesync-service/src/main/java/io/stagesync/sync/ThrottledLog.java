package io.stagesync.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * One WARN line per failure, at most once per window for the same failure: a poison record read again every poll,
 * or a poll failing the same way every minute, does not flood the log. The line carries the cause's message and
 * the record's or system's id; the stack trace goes to DEBUG only (enable DEBUG for the logger to see it). A line
 * logged after a quiet window says how many like it were left out in between. Thread-safe.
 */
public final class ThrottledLog {
    /** The same failure is logged at most once per this window by default. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    /** Longest message logged; longer ones (a reason quoting a huge value) are cut. */
    static final int MAX_MESSAGE_CHARS = 1_000;
    /** Failures remembered at most; beyond, the memory starts over (a flood of distinct failures is logged). */
    private static final int MAX_KEYS = 10_000;

    private final Logger log;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    private static final class Seen {
        private Instant loggedAt;
        private long suppressed;

        private Seen(Instant loggedAt) {
            this.loggedAt = loggedAt;
        }
    }

    /** A log of {@code log}'s lines with the {@link #DEFAULT_WINDOW} and the system clock. */
    public ThrottledLog(Logger log) {
        this(log, DEFAULT_WINDOW, Clock.systemUTC());
    }

    public ThrottledLog(Logger log, Duration window, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Logs {@code message} at WARN unless the failure {@code key} was logged less than a window ago (then it is
     * counted, and the count is added to the next line logged for the key); the cause's stack trace, if any, at
     * DEBUG whenever DEBUG is on.
     *
     * @param key     what makes two failures the same (e.g. the record and the kind of error)
     * @param message the line, without the stack trace; cut at {@value #MAX_MESSAGE_CHARS} characters
     * @param cause   nullable
     * @return whether the WARN line was logged
     */
    public boolean warn(String key, String message, Throwable cause) {
        if (cause != null && log.isDebugEnabled()) {
            log.debug("stack trace of: " + cut(message), cause);
        }
        Instant now = clock.instant();
        if (seen.size() > MAX_KEYS) {
            seen.clear();
        }
        long[] suppressed = {-1};
        seen.compute(key, (k, before) -> {
            if (before == null) {
                suppressed[0] = 0;
                return new Seen(now);
            }
            if (!now.isBefore(before.loggedAt.plus(window))) {
                suppressed[0] = before.suppressed;
                before.loggedAt = now;
                before.suppressed = 0;
            } else {
                before.suppressed++;
            }
            return before;
        });
        if (suppressed[0] < 0) {
            return false;
        }
        log.warn(cut(message) + (suppressed[0] == 0 ? "" : " (" + suppressed[0] + " more like it not logged in the last "
                + window.toSeconds() + " s)"));
        return true;
    }

    /** A one-line description of an unexpected exception: its type and message (and its cause's, if different). */
    public static String describe(Throwable e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null
                && (e.getMessage() == null || !e.getMessage().contains(cause.getMessage()))) {
            text += " (caused by " + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    static String cut(String message) {
        String line = message.replace('\n', ' ').replace('\r', ' ');
        return line.length() <= MAX_MESSAGE_CHARS ? line
                : line.substring(0, MAX_MESSAGE_CHARS) + " … [" + (line.length() - MAX_MESSAGE_CHARS) + " more characters]";
    }
}
