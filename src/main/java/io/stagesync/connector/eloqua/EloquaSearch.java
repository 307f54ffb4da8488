package io.stagesync.connector.eloqua;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Builds the terms of the Application API {@code search} parameter (saas-apis.md §2.4:
 * {@code {term}{operator}{value}}, string values in single quotes, {@code *} a wildcard, terms
 * concatenated without a separator).
 *
 * <p>Record data is untrusted and Eloqua documents no escape inside a quoted value, so a value
 * that could end the quote or widen the match is refused rather than escaped: one holding
 * {@code '}, {@code "}, {@code \}, {@code *} or a control character cannot be searched for and
 * gets an {@link IllegalArgumentException}. Everything else goes in verbatim between single
 * quotes; URL encoding of the whole parameter is the caller's (see {@link UrlQuery}). Stateless.
 */
public final class EloquaSearch {
    /** How date-times are written in search values: {@code yyyy-MM-dd HH:mm:ss}. */
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private EloquaSearch() {
    }

    /** {@code term='value'}: an exact match on the full value. */
    public static String equalTo(String term, String value) {
        return term(term) + "='" + literal(value) + "'";
    }

    /**
     * {@code term>='yyyy-MM-dd HH:mm:ss'}: the instant, truncated to the second, as wall-clock
     * time in {@code zone}.
     */
    public static String atOrAfter(String term, Instant at, ZoneId zone) {
        return term(term) + ">='" + DATE_TIME.format(LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), zone)) + "'";
    }

    /**
     * The value as it may stand between single quotes.
     *
     * @throws IllegalArgumentException when the value is null or holds a character that could end
     *     the quote or act as a wildcard
     */
    public static String literal(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a search value must not be null");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '"' || c == '\\' || c == '*' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("the value cannot be searched for in Eloqua: it holds "
                        + (Character.isISOControl(c) ? "a control character" : "'" + c + "'")
                        + ", which Eloqua's search syntax offers no documented escape for");
            }
        }
        return value;
    }

    private static String term(String term) {
        if (term == null || !EloquaSettings.FIELD_NAME.matcher(term).matches()) {
            throw new IllegalArgumentException("not a search term (property or field internal name): " + term);
        }
        return term;
    }
}
