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
 * <p>Record data is untrusted and Eloqua documents no escape inside a quoted value and no other
 * quote character (its documentation, the URL parameters page and the search tutorial, shows
 * single quotes only), so a value that could end the quote or widen the match never goes in
 * verbatim: one holding {@code '}, {@code "}, {@code \}, {@code *} or a control character is
 * refused by {@link #literal} and {@link #equalTo}, and {@link #lookUp} searches for it with a
 * wildcard in place of each such character (a pattern whose matches the caller re-checks).
 * Everything else goes in verbatim between single quotes; URL encoding of the whole parameter is
 * the caller's (see {@link UrlQuery}). Stateless.
 */
public final class EloquaSearch {
    /** How date-times are written in search values: {@code yyyy-MM-dd HH:mm:ss}. */
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private EloquaSearch() {
    }

    /**
     * How to find the records whose {@code term} equals a value.
     *
     * @param search the search term to send
     * @param exact  true when {@code search} matches exactly the value (ignoring case, as Eloqua compares); false
     *               when it is a pattern that also matches other values, so each match must be compared with the
     *               value before it is taken for it
     */
    public record Lookup(String search, boolean exact) {
    }

    /**
     * The search for records whose {@code term} equals {@code value}: {@code term='value'} when the value can stand
     * between quotes, else {@code term='pattern'} where each character that cannot (see {@link #literal}) became
     * the wildcard {@code *} (runs of them one {@code *}), e.g. {@code emailAddress='o*brien@example.com'} for
     * {@code o'brien@example.com}. A wildcard matches any text, the character it replaces included, so the pattern
     * finds the value; it may find others too ({@code obrien@example.com}).
     *
     * @throws IllegalArgumentException when the value is null or the term is not a term
     */
    public static Lookup lookUp(String term, String value) {
        if (value == null) {
            throw new IllegalArgumentException("a search value must not be null");
        }
        if (isLiteral(value)) {
            return new Lookup(equalTo(term, value), true);
        }
        StringBuilder pattern = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isQuotable(c)) {
                if (pattern.isEmpty() || pattern.charAt(pattern.length() - 1) != '*') {
                    pattern.append('*');
                }
            } else {
                pattern.append(c);
            }
        }
        return new Lookup(term(term) + "='" + pattern + "'", false);
    }

    /** Whether the value can stand verbatim between single quotes and mean only itself. */
    public static boolean isLiteral(String value) {
        return value != null && value.chars().allMatch(c -> isQuotable((char) c));
    }

    private static boolean isQuotable(char c) {
        return c != '\'' && c != '"' && c != '\\' && c != '*' && !Character.isISOControl(c);
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
