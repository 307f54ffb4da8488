package io.stagesync.stage;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The type of a canonical record field, as declared in {@code stage-model.yaml}.
 *
 * <p>Each type knows its CEL type (for type-checking conditions) and how to turn a raw value
 * (as parsed from JSON or read from a system) into the value CEL evaluates:
 * {@code String}, {@code Long}, {@code Double}, {@code Boolean} or {@link Instant}.
 */
public enum FieldType {
    STRING(SimpleType.STRING),
    INT(SimpleType.INT),
    DOUBLE(SimpleType.DOUBLE),
    BOOL(SimpleType.BOOL),
    TIMESTAMP(SimpleType.TIMESTAMP);

    private final CelType celType;

    FieldType(CelType celType) {
        this.celType = celType;
    }

    CelType celType() {
        return celType;
    }

    /** The config spelling, e.g. {@code "int"}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the config spelling (case-insensitive); empty for anything else. */
    public static Optional<FieldType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(t -> t.configName().equalsIgnoreCase(text.trim())).findFirst();
    }

    /** All config spellings, for error messages. */
    public static String allNames() {
        return Arrays.stream(values()).map(FieldType::configName).collect(Collectors.joining(", "));
    }

    /**
     * Converts a raw value to the value CEL evaluates for this type.
     *
     * @param raw a non-null value: String, Number, Boolean, Instant or OffsetDateTime
     * @return the converted value, never null
     * @throws IllegalArgumentException naming the expected type and the value when it does not fit
     *     (e.g. {@code "abc"} for an int, {@code 1.5} for an int, a malformed timestamp)
     */
    public Object coerce(Object raw) {
        return switch (this) {
            case STRING -> raw instanceof String s ? s : mismatch(raw);
            case BOOL -> raw instanceof Boolean b ? b : mismatch(raw);
            case INT -> toLong(raw);
            case DOUBLE -> raw instanceof Number n && !(raw instanceof BigInteger) ? n.doubleValue() : mismatch(raw);
            case TIMESTAMP -> toInstant(raw);
        };
    }

    private Object toLong(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof BigInteger || raw instanceof BigDecimal) {
            try {
                return new BigDecimal(raw.toString()).longValueExact();
            } catch (ArithmeticException e) {
                return mismatch(raw);
            }
        }
        if (raw instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return d.longValue();
        }
        return mismatch(raw);
    }

    private Object toInstant(Object raw) {
        if (raw instanceof Instant i) {
            return i;
        }
        if (raw instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (raw instanceof String s) {
            try {
                return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expected a timestamp (ISO-8601 like 2026-03-31 or "
                        + "2026-03-31T12:00:00Z), got \"" + s + "\"");
            }
        }
        return mismatch(raw);
    }

    private Object mismatch(Object raw) {
        String shown = raw instanceof String s ? "\"" + s + "\"" : String.valueOf(raw);
        throw new IllegalArgumentException("expected " + configName() + ", got " + shown);
    }
}
