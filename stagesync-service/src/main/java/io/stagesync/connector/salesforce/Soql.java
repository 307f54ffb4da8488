package io.stagesync.connector.salesforce;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SOQL text built from untrusted values: string literals escaped, datetime literals formatted, names and ids
 * allow-listed. Pure functions, thread-safe.
 *
 * <p>SOQL has no bind variables for REST clients, so every value placed into a query goes through
 * {@link #stringLiteral(String)} (values) or is checked by {@link #requireName(String)} (object and field
 * names, which cannot be quoted) or {@link #requireId(String)} (record ids).
 */
public final class Soql {

    /** An API name: letters, digits and underscores, starting with a letter; dotted for relationship paths. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{15}|[A-Za-z0-9]{18}");
    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Soql() {
    }

    /**
     * A quoted SOQL string literal: {@code '} and {@code \} are backslash-escaped, as are the control
     * characters SOQL defines escapes for (newline, carriage return, tab, backspace, form feed) and {@code "}.
     *
     * @param value any text, non-null
     */
    public static String stringLiteral(String value) {
        Objects.requireNonNull(value, "value");
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /**
     * An unquoted SOQL datetime literal in UTC at millisecond precision (Salesforce's), e.g.
     * {@code 2026-01-02T03:04:05.000Z}; finer precision is truncated.
     */
    public static String datetimeLiteral(Instant instant) {
        return DATETIME.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** True for a 15- or 18-character alphanumeric Salesforce record id. */
    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    /**
     * Returns {@code value} when it is a 15- or 18-character alphanumeric record id.
     *
     * @throws IllegalArgumentException otherwise (the value is not echoed beyond 40 characters)
     */
    public static String requireId(String value) {
        if (!isId(value)) {
            throw new IllegalArgumentException("not a Salesforce record id (15 or 18 letters and digits): "
                    + abbreviate(value));
        }
        return value;
    }

    /**
     * Returns {@code name} when it is an API name ({@code Lead}, {@code Score__c}, {@code Account.Name}).
     *
     * @throws IllegalArgumentException otherwise
     */
    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a Salesforce API name: " + abbreviate(name));
        }
        return name;
    }

    /**
     * The incremental query of one object in (SystemModstamp, Id) order:
     * {@code SELECT Id, SystemModstamp, f… FROM T [WHERE SystemModstamp > ts OR (SystemModstamp = ts AND Id > 'id')]
     * ORDER BY SystemModstamp, Id}. {@code Id} and {@code SystemModstamp} come first, once.
     *
     * @param objectType an API name
     * @param fields     API names to select besides Id and SystemModstamp (duplicates dropped)
     * @param afterStamp nullable: read from the beginning
     * @param afterId    the id of the last record read at {@code afterStamp}; required with it
     */
    public static String changesQuery(String objectType, List<String> fields, Instant afterStamp, String afterId) {
        return changesQuery(objectType, fields, Map.of(), afterStamp, afterId);
    }

    /**
     * The incremental query of one object restricted to the records matching {@code filter}:
     * {@code SELECT … FROM T WHERE f1 = v1 AND f2 = v2 [AND (SystemModstamp > ts OR (…))] ORDER BY SystemModstamp, Id}.
     * Filter conditions come in the map's order, before the position.
     *
     * @param filter field API name to the value it must equal: a {@link Boolean} (written {@code true} /
     *               {@code false}) or a {@link String} (written as a quoted literal); empty for no filter
     * @throws IllegalArgumentException for a name that is not an API name or a value of another type
     */
    public static String changesQuery(String objectType, List<String> fields, Map<String, Object> filter,
                                      Instant afterStamp, String afterId) {
        Set<String> select = new LinkedHashSet<>(List.of("Id", "SystemModstamp"));
        fields.forEach(f -> select.add(requireName(f)));
        StringBuilder soql = new StringBuilder("SELECT ").append(String.join(", ", select))
                .append(" FROM ").append(requireName(objectType));
        List<String> conditions = new ArrayList<>();
        filter.forEach((field, value) -> conditions.add(requireName(field) + " = " + literal(field, value)));
        if (afterStamp != null) {
            String ts = datetimeLiteral(afterStamp);
            String position = "SystemModstamp > " + ts + " OR (SystemModstamp = " + ts + " AND Id > "
                    + stringLiteral(requireId(afterId)) + ")";
            conditions.add(conditions.isEmpty() ? position : "(" + position + ")");
        }
        if (!conditions.isEmpty()) {
            soql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        return soql.append(" ORDER BY SystemModstamp, Id").toString();
    }

    /**
     * The query of one record by id, with the same columns (and filter) as {@link #changesQuery}:
     * {@code SELECT Id, SystemModstamp, f… FROM T WHERE [f1 = v1 AND …] Id = 'id'}.
     *
     * @throws IllegalArgumentException for a name that is not an API name, or an id that is not a record id
     */
    public static String recordQuery(String objectType, List<String> fields, Map<String, Object> filter, String id) {
        Set<String> select = new LinkedHashSet<>(List.of("Id", "SystemModstamp"));
        fields.forEach(f -> select.add(requireName(f)));
        List<String> conditions = new ArrayList<>();
        filter.forEach((field, value) -> conditions.add(requireName(field) + " = " + literal(field, value)));
        conditions.add("Id = " + stringLiteral(requireId(id)));
        return "SELECT " + String.join(", ", select) + " FROM " + requireName(objectType) + " WHERE "
                + String.join(" AND ", conditions);
    }

    /**
     * The objects Salesforce merges (Account, Contact, Lead, Case, Individual): their deleted records name the
     * record they were merged into in {@code MasterRecordId}.
     */
    public static final Set<String> MERGEABLE_OBJECTS = Set.of("Account", "Contact", "Lead", "Case", "Individual");

    /**
     * {@code SELECT Id, MasterRecordId FROM <type> WHERE IsDeleted = true AND Id IN (…)}: for {@code queryAll},
     * which of these deleted records were merged and into what.
     *
     * @throws IllegalArgumentException when {@code ids} is empty or an id or the name is malformed
     */
    public static String mergedQuery(String objectType, java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("a query by ids needs at least one id");
        }
        List<String> literals = new ArrayList<>();
        ids.forEach(id -> literals.add(stringLiteral(requireId(id))));
        return "SELECT Id, MasterRecordId FROM " + requireName(objectType) + " WHERE IsDeleted = true AND Id IN ("
                + String.join(", ", literals) + ")";
    }

    /**
     * The query of several records by id, with the same columns (and filter) as {@link #changesQuery}:
     * {@code SELECT Id, SystemModstamp, f… FROM T WHERE [f1 = v1 AND …] Id IN ('a', …) ORDER BY SystemModstamp, Id}.
     *
     * @param ids at least one record id
     * @throws IllegalArgumentException for a name that is not an API name, an id that is not a record id, or no id
     */
    public static String recordsQuery(String objectType, List<String> fields, Map<String, Object> filter,
                                      java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("a query by ids needs at least one id");
        }
        Set<String> select = new LinkedHashSet<>(List.of("Id", "SystemModstamp"));
        fields.forEach(f -> select.add(requireName(f)));
        List<String> conditions = new ArrayList<>();
        filter.forEach((field, value) -> conditions.add(requireName(field) + " = " + literal(field, value)));
        List<String> literals = new ArrayList<>();
        ids.forEach(id -> literals.add(stringLiteral(requireId(id))));
        conditions.add("Id IN (" + String.join(", ", literals) + ")");
        return "SELECT " + String.join(", ", select) + " FROM " + requireName(objectType) + " WHERE "
                + String.join(" AND ", conditions) + " ORDER BY SystemModstamp, Id";
    }

    private static String literal(String field, Object value) {
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof String text) {
            return stringLiteral(text);
        }
        throw new IllegalArgumentException("filter value of " + field + " must be true, false or text; got "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 40 ? "'" + value + "'" : "'" + value.substring(0, 40) + "…'";
    }
}
