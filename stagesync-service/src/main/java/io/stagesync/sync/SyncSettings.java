package io.stagesync.sync;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's own settings.
 *
 * @param pageSize         records asked for per page when polling (1..2000)
 * @param salesOrderItemId the order system's item put on the sales order created for a won deal, or
 *                         null when not configured (a won deal's sales order then goes to the dead
 *                         letters with a message saying which setting to set)
 * @param lookBack         system to its look-back window (see {@link #lookBack(String)}); systems
 *                         not named have none; each window 0..{@link #MAX_LOOK_BACK} (the documented
 *                         windows, sized to each API: each connector's {@code SystemSettings#lookBack()})
 * @param maxValueChars    the longest value (in characters) a record may hold in a mapped field
 *                         ({@value #MIN_VALUE_CHARS}..{@value #MAX_VALUE_CHARS}); a record with a longer one is
 *                         not applied but dead-lettered with the reason, and the rest of its page flows
 */
public record SyncSettings(int pageSize, String salesOrderItemId, Map<String, Duration> lookBack, int maxValueChars) {
    /** The longest look-back window accepted. */
    public static final Duration MAX_LOOK_BACK = Duration.ofHours(1);

    /** The default bound on one value: the default length of a Salesforce Long Text Area (32,768). */
    public static final int DEFAULT_VALUE_CHARS = 32_768;
    /** The smallest bound accepted: every standard text field of the four systems fits in 255. */
    public static final int MIN_VALUE_CHARS = 255;
    /** The largest bound accepted: NetSuite's longest text field (Long Text) holds 1,000,000 characters. */
    public static final int MAX_VALUE_CHARS = 1_000_000;

    public SyncSettings {
        if (pageSize < 1 || pageSize > 2000) {
            throw new IllegalArgumentException("page size must be 1..2000");
        }
        lookBack = Map.copyOf(Objects.requireNonNull(lookBack, "lookBack"));
        lookBack.forEach((system, window) -> {
            if (window.isNegative() || window.compareTo(MAX_LOOK_BACK) > 0) {
                throw new IllegalArgumentException("look-back of " + system + " must be 0.." + MAX_LOOK_BACK.toSeconds()
                        + " s; got " + window.toSeconds() + " s");
            }
        });
        if (maxValueChars < MIN_VALUE_CHARS || maxValueChars > MAX_VALUE_CHARS) {
            throw new IllegalArgumentException("the longest value must be " + MIN_VALUE_CHARS + ".." + MAX_VALUE_CHARS
                    + " characters, got " + maxValueChars);
        }
    }

    /** Settings with these look-back windows and the default value bound. */
    public SyncSettings(int pageSize, String salesOrderItemId, Map<String, Duration> lookBack) {
        this(pageSize, salesOrderItemId, lookBack, DEFAULT_VALUE_CHARS);
    }

    /**
     * How far behind its watermark a poll of the system starts reading again, so a change whose
     * modstamp is at or just behind the watermark when it becomes visible (a second shared with
     * records already read, a transaction that committed after its stamp) is still read. Records
     * read again unchanged are recognised by content and cost no write.
     *
     * @return the window, {@link Duration#ZERO} for a system without one
     */
    public Duration lookBack(String system) {
        return lookBack.getOrDefault(system, Duration.ZERO);
    }
}
