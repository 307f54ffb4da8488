package io.stagesync.connector.netsuite;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Literals for SuiteQL text. Record data is untrusted: every value placed into a query goes
 * through one of these. Stateless and thread-safe.
 */
public final class SuiteQl {
    /** The {@code TO_CHAR}/{@code TO_TIMESTAMP} format the connector uses for datetimes. */
    public static final String DATETIME_FORMAT = "YYYY-MM-DD HH24:MI:SS";
    /** {@link #DATETIME_FORMAT} as a Java formatter. */
    public static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,20}");

    private SuiteQl() {
    }

    /**
     * A quoted string literal: {@code '} doubled, the whole in single quotes (SuiteQL, like
     * Oracle SQL, has no backslash escapes).
     *
     * @throws IllegalArgumentException for a NUL character, which no NetSuite value holds
     */
    public static String string(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a SuiteQL string must not contain NUL");
        }
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * A non-negative integer literal, such as an internal id.
     *
     * @throws IllegalArgumentException unless {@code value} is 1 to 20 ASCII digits
     */
    public static String integer(String value) {
        if (value == null || !INTEGER.matcher(value).matches()) {
            throw new IllegalArgumentException("not a SuiteQL integer (1-20 digits): " + value);
        }
        return value;
    }

    /** {@code TO_TIMESTAMP('uuuu-MM-dd HH:mm:ss', 'YYYY-MM-DD HH24:MI:SS')}, to the second. */
    public static String timestamp(LocalDateTime value) {
        return "TO_TIMESTAMP(" + string(DATETIME.format(value)) + ", " + string(DATETIME_FORMAT) + ")";
    }
}
