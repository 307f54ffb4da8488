package io.stagesync.sync;

/**
 * The engine's own settings.
 *
 * @param pageSize         records asked for per page when polling (1..2000)
 * @param salesOrderItemId the NetSuite item put on the sales order created for a won deal, or
 *                         null when not configured (a won deal's sales order then goes to the dead
 *                         letters with a message saying which setting to set)
 * @param maxValueChars    the longest value (in characters) a record may hold in a mapped field
 *                         ({@value #MIN_VALUE_CHARS}..{@value #MAX_VALUE_CHARS}); a record with a longer one is
 *                         not applied but dead-lettered with the reason, and the rest of its page flows
 */
public record SyncSettings(int pageSize, String salesOrderItemId, int maxValueChars) {
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
        if (maxValueChars < MIN_VALUE_CHARS || maxValueChars > MAX_VALUE_CHARS) {
            throw new IllegalArgumentException("the longest value must be " + MIN_VALUE_CHARS + ".." + MAX_VALUE_CHARS
                    + " characters, got " + maxValueChars);
        }
    }

    /** Settings with the default bound on a value's length ({@value #DEFAULT_VALUE_CHARS} characters). */
    public SyncSettings(int pageSize, String salesOrderItemId) {
        this(pageSize, salesOrderItemId, DEFAULT_VALUE_CHARS);
    }
}
