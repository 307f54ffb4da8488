package io.stagesync.sandbox.salesforce;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Salesforce field values: written values (from JSON or the Java API) made into the simulator's stored types,
 * and stored values formatted as Salesforce's JSON does.
 *
 * <p>Stored types: text, picklist, email, id and reference fields as {@link String} (ids always 18
 * characters); booleans as {@link Boolean}; integers as {@link Long}; numbers, currency and percent as
 * {@link BigDecimal}; dates as {@link LocalDate}; datetimes as {@link Instant}; undeclared custom fields as the
 * String, BigDecimal or Boolean given. Formats: datetimes {@code 2026-11-20T10:00:01.000+0000}, dates
 * {@code 2026-11-20}, doubles with at least one decimal ({@code 24000.0}). Stateless and thread-safe.
 */
final class SalesforceValues {
    static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATETIME_IN = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd().toFormatter(Locale.ROOT);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private SalesforceValues() {
    }

    /**
     * The stored form of a written value; null stays null.
     *
     * @throws SalesforceRequestException 400 {@code JSON_PARSER_ERROR} when the value cannot be the field's type
     *     (Salesforce fails the whole request when it cannot read the JSON into the field)
     */
    static Object coerce(SalesforceSchema.Field field, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
            throw unreadable(field, value);
        }
        return switch (field.type()) {
            case ID, REFERENCE -> {
                String id = SalesforceIds.normalize(value.toString());
                yield id == null ? value.toString() : id;
            }
            case TEXT, PICKLIST, EMAIL -> value.toString();
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    yield b;
                }
                String text = value.toString().trim();
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    yield Boolean.valueOf(text);
                }
                throw unreadable(field, value);
            }
            case INTEGER -> {
                try {
                    yield new BigDecimal(value.toString().trim()).longValueExact();
                } catch (ArithmeticException | NumberFormatException e) {
                    throw unreadable(field, value);
                }
            }
            case DOUBLE -> {
                try {
                    yield value instanceof BigDecimal d ? d : new BigDecimal(value.toString().trim());
                } catch (NumberFormatException e) {
                    throw unreadable(field, value);
                }
            }
            case DATE -> {
                if (value instanceof LocalDate d) {
                    yield d;
                }
                try {
                    String text = value.toString().trim();
                    yield LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
                } catch (DateTimeParseException e) {
                    throw unreadable(field, value);
                }
            }
            case DATETIME -> instant(field, value);
            case ANY -> value instanceof Boolean || value instanceof String ? value
                    : value instanceof Number n ? new BigDecimal(n.toString()) : value.toString();
        };
    }

    /** Whether a text value of an email field is an address Salesforce would accept. */
    static boolean isEmail(String value) {
        return EMAIL.matcher(value).matches();
    }

    /** The JSON form of a stored value (String, Number, Boolean or null). */
    static Object render(SalesforceSchema.Field field, Object value) {
        if (value instanceof Instant at) {
            return DATETIME.format(at);
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof BigDecimal d && field.type() == SalesforceSchema.Type.DOUBLE && d.scale() < 1) {
            return d.setScale(1);
        }
        return value;
    }

    private static Instant instant(SalesforceSchema.Field field, Object value) {
        if (value instanceof Instant at) {
            return at;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        try {
            return OffsetDateTime.parse(value.toString().trim(), DATETIME_IN).toInstant();
        } catch (DateTimeParseException e) {
            throw unreadable(field, value);
        }
    }

    private static SalesforceRequestException unreadable(SalesforceSchema.Field field, Object value) {
        String kind = field.type().name().toLowerCase(Locale.ROOT);
        return new SalesforceRequestException(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of " + kind
                + " from VALUE_STRING value " + value + " or request may be missing a required field at [line:1]"
                + " (field " + field.name() + ")");
    }
}
