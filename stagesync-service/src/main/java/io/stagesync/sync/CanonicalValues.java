package io.stagesync.sync;

import io.stagesync.stage.FieldDeclaration;
import io.stagesync.stage.FieldType;
import io.stagesync.stage.StageModel;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Canonical value conventions shared by every system: how raw API values become canonical values,
 * how canonical values are written back, and the content hash used for echo suppression.
 *
 * <p>Declared fields (stage-model.yaml {@code fields}) get their declared type, read leniently
 * (SuiteQL returns numbers as strings, Salesforce dates as {@code 2026-12-15}, NetSuite as
 * {@code 12/15/2026}); undeclared fields are strings. Blank means "no value" (null). Timestamps
 * of date-only fields are written as ISO dates. Stateless and thread-safe.
 */
public final class CanonicalValues {
    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("M/d/yyyy"), DateTimeFormatter.ofPattern("d.M.yyyy"));
    private static final DateTimeFormatter SALESFORCE_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final StageModel model;

    public CanonicalValues(StageModel model) {
        this.model = model;
    }

    /** The declared type of a canonical field, if declared. */
    public Optional<FieldType> typeOf(String field) {
        return model.field(field).map(FieldDeclaration::type);
    }

    /**
     * Reads a raw API value as the canonical value of {@code field}.
     *
     * @return the value, or null for no value
     * @throws IllegalArgumentException naming the field and value when it cannot be read as its type
     */
    public Object read(String field, Object raw) {
        if (raw == null || (raw instanceof String s && s.isBlank())) {
            return null;
        }
        if (raw instanceof Map<?, ?> map && map.containsKey("id")) {
            raw = map.get("id");
        }
        Optional<FieldType> type = typeOf(field);
        if (type.isEmpty()) {
            return raw instanceof Number || raw instanceof Boolean || raw instanceof String ? raw.toString() : null;
        }
        try {
            return switch (type.get()) {
                case STRING -> raw.toString();
                case INT -> raw instanceof Number n ? n.longValue() : new BigDecimal(raw.toString().trim()).longValueExact();
                case DOUBLE -> raw instanceof Number n ? n.doubleValue() : Double.parseDouble(raw.toString().trim());
                case BOOL -> bool(raw);
                case TIMESTAMP -> instant(raw.toString().trim());
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("field '" + field + "': cannot read \"" + raw + "\" as "
                    + type.get().configName());
        }
    }

    private static Boolean bool(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        String text = raw.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equals("T")) {
            return true;
        }
        if (text.equalsIgnoreCase("false") || text.equals("F")) {
            return false;
        }
        throw new IllegalArgumentException(text);
    }

    static Instant instant(String text) {
        for (DateTimeFormatter format : DATE_FORMATS) {
            try {
                return LocalDate.parse(text, format).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException ignored) {
                // try the next format
            }
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        try {
            return OffsetDateTime.parse(text, SALESFORCE_DATETIME).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }

    /** The value to send to a system for a canonical value (dates of date-only values as ISO dates). */
    public Object write(String field, Object canonical) {
        if (canonical == null) {
            return null;
        }
        if (typeOf(field).orElse(FieldType.STRING) == FieldType.TIMESTAMP) {
            Instant at = canonical instanceof Instant i ? i : instant(canonical.toString());
            return at.equals(at.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant())
                    ? at.atZone(ZoneOffset.UTC).toLocalDate().toString() : at.toString();
        }
        return canonical;
    }

    /** A stable text form of a canonical value for comparing and hashing (24000, 24000.0 and "24000" agree). */
    public String text(String field, Object canonical) {
        if (canonical == null) {
            return "";
        }
        Object value = canonical;
        if (!(canonical instanceof Instant) && typeOf(field).isPresent()) {
            value = read(field, canonical);
        }
        if (value instanceof Double || value instanceof Long) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    /** SHA-256 (hex) over the sorted {@code field=text} lines of a projection. */
    public String hash(Map<String, Object> projection) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(projection).forEach((field, value) -> text.append(field).append('=')
                .append(ProjectionKeys.isNotAField(field) ? String.valueOf(value == null ? "" : value) : text(field, value))
                .append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
