package io.stagesync.sandbox.netsuite;

import io.stagesync.sandbox.query.SimQuery;
import io.stagesync.sandbox.query.SimQueryCandidates;
import io.stagesync.sandbox.query.SimQueryExpr;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a parsed SuiteQL query over the records of one table, the way NetSuite's SuiteQL answers: column names in
 * lower case; internal ids and references as strings of digits ({@code "647"}); booleans {@code "T"}/{@code "F"};
 * dates and datetimes in the user's date format {@code M/d/yyyy} unless formatted with {@code TO_CHAR}; numbers as
 * numbers. Datetimes are seen in the account's time zone. Functions: {@code TO_CHAR}, {@code TO_TIMESTAMP},
 * {@code TO_DATE} (Oracle formats {@code YYYY MM DD HH24 HH MI SS AM}), {@code UPPER}, {@code LOWER}. Text compares
 * case-sensitively; nulls sort last in ascending order (Oracle's default). An unknown table or column is
 * NetSuite's 400 {@code INVALID_PARAMETER} "Invalid search query". Stateless and thread-safe.
 */
final class SuiteQlEngine {
    private static final DateTimeFormatter USER_DATE = DateTimeFormatter.ofPattern("M/d/uuuu", Locale.ROOT);
    /** Formats seen, bounded: a caller sending a new format per query must not grow it forever. */
    private static final int MAX_FORMATS = 256;
    private static final Map<String, DateTimeFormatter> FORMATS = new ConcurrentHashMap<>();

    /** One record with its type. */
    record Source(NetSuiteSchema.RecordType type, Map<String, Object> record) {
    }

    /** An internal id or reference: compares as a number, answered as a string. */
    record InternalId(BigDecimal value) {
    }

    private SuiteQlEngine() {
    }

    /**
     * @param sources the table's records in internal-id order
     * @param zone    the time zone datetimes are shown in
     * @return the rows, column name to JSON value
     * @throws NetSuiteRequestException 400 {@code INVALID_PARAMETER}
     */
    static List<Map<String, Object>> run(SimQuery query, List<Source> sources, ZoneId zone) {
        validate(query);
        List<Source> rows = new ArrayList<>();
        for (Source source : sources) {
            if (query.where() == null || Boolean.TRUE.equals(query.where().eval(context(source, zone)))) {
                rows.add(source);
            }
        }
        if (!query.orderBy().isEmpty()) {
            rows.sort(order(query.orderBy(), zone));
        }
        int from = query.offset() == null ? 0 : Math.min(query.offset(), rows.size());
        int to = query.limit() == null ? rows.size() : Math.min(rows.size(), from + query.limit());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Source source : rows.subList(from, to)) {
            SimQueryExpr.Context context = context(source, zone);
            Map<String, Object> row = new LinkedHashMap<>();
            for (SimQuery.SelectItem item : query.select()) {
                row.put(item.name().toLowerCase(Locale.ROOT), render(item.expr().eval(context)));
            }
            out.add(row);
        }
        return out;
    }

    /**
     * The records the query's filter can select at most: {@link SimQueryCandidates.Keys} holds internal ids as
     * strings of digits ({@code id = 647}, {@code id IN (…)}); {@link SimQueryCandidates.AtLeast} holds one
     * {@link Instant}, the earliest {@code lastModifiedDate} a selected record can have; else
     * {@link SimQueryCandidates.All}. Constants such as {@code TO_TIMESTAMP('…', '…')} are evaluated once here.
     *
     * @throws NetSuiteRequestException 400 {@code INVALID_PARAMETER}, as {@link #run} would
     */
    static SimQueryCandidates candidates(SimQuery query, ZoneId zone) {
        validate(query);
        SimQueryExpr.Context noRow = context(name -> {
            throw new IllegalStateException("a constant reads no column; got " + name);
        });
        SimQueryCandidates found = SimQueryCandidates.of(query.where(), "id", "lastmodifieddate", e -> e.eval(noRow));
        if (found instanceof SimQueryCandidates.Keys keys) {
            List<Object> ids = new ArrayList<>();
            for (Object key : keys.values()) {
                String digits = key instanceof BigDecimal n ? n.stripTrailingZeros().toPlainString() : key.toString().trim();
                if (!digits.matches("[0-9]{1,18}")) {
                    return new SimQueryCandidates.All();
                }
                ids.add(Long.toString(Long.parseLong(digits)));
            }
            return new SimQueryCandidates.Keys(ids);
        }
        if (found instanceof SimQueryCandidates.AtLeast since) {
            Instant earliest = null;
            for (Object bound : since.bounds()) {
                Instant at = bound instanceof LocalDateTime time ? firstInstantShownAtOrAfter(time, zone)
                        : bound instanceof LocalDate date ? firstInstantShownAtOrAfter(date.atStartOfDay(), zone) : null;
                if (at == null) {
                    return new SimQueryCandidates.All();
                }
                earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
            }
            return new SimQueryCandidates.AtLeast(List.of(earliest));
        }
        return found;
    }

    /**
     * The earliest instant whose local time in {@code zone} is {@code time} or later: the time's first occurrence
     * (the earlier offset in an autumn overlap), or for a time skipped by a spring gap the instant the gap ends.
     */
    static Instant firstInstantShownAtOrAfter(LocalDateTime time, ZoneId zone) {
        if (zone.getRules().getValidOffsets(time).isEmpty()) {
            return zone.getRules().getTransition(time).getInstant();
        }
        return time.atZone(zone).withEarlierOffsetAtOverlap().toInstant();
    }

    private static void validate(SimQuery query) {
        String table = query.from().toLowerCase(Locale.ROOT);
        if (NetSuiteSchema.typesOfTable(table).isEmpty()) {
            throw invalidQuery("Record '" + query.from() + "' was not found.");
        }
        Set<String> columns = NetSuiteSchema.columns(table);
        for (String column : query.columns()) {
            String name = column.toLowerCase(Locale.ROOT);
            if (!columns.contains(name) && !name.startsWith("cust")) {
                throw invalidQuery("Field '" + column + "' for record '" + table + "' was not found. Reason:"
                        + " NOT_EXPOSED - Not available for channel SEARCH");
            }
        }
    }

    static NetSuiteRequestException invalidQuery(String reason) {
        return new NetSuiteRequestException(400, "INVALID_PARAMETER", "Invalid search query. Detailed unprocessed"
                + " description follows: Search error occurred: " + reason, "q");
    }

    private static Object render(Object value) {
        if (value instanceof InternalId id) {
            return id.value().toPlainString();
        }
        if (value instanceof LocalDateTime at) {
            return USER_DATE.format(at);
        }
        if (value instanceof LocalDate date) {
            return USER_DATE.format(date);
        }
        return value;
    }

    /** The value of a column as SuiteQL evaluates it. */
    private static Object column(Source source, String column, ZoneId zone) {
        String name = column.toLowerCase(Locale.ROOT);
        Map<String, Object> record = source.record();
        switch (name) {
            case "id" -> {
                return new InternalId(new BigDecimal(record.get("id").toString()));
            }
            case "type" -> {
                return source.type().tranType();
            }
            case "lastmodifieddate", "datecreated" -> {
                Object at = record.get(name.equals("datecreated") ? "dateCreated" : "lastModifiedDate");
                return at == null ? null : LocalDateTime.ofInstant((Instant) at, zone);
            }
            default -> {
                Object value = null;
                for (Map.Entry<String, Object> e : record.entrySet()) {
                    if (e.getKey().equalsIgnoreCase(name)) {
                        value = e.getValue();
                    }
                }
                if (value instanceof Map<?, ?> map) {
                    Object id = map.get("id");
                    return id == null ? null : new InternalId(new BigDecimal(id.toString()));
                }
                if (value instanceof Boolean b) {
                    return b ? "T" : "F";
                }
                return value;
            }
        }
    }

    private static SimQueryExpr.Context context(Source source, ZoneId zone) {
        return context(name -> SuiteQlEngine.column(source, name, zone));
    }

    /** SuiteQL's functions and comparisons, with columns read by {@code columns}. */
    private static SimQueryExpr.Context context(java.util.function.Function<String, Object> columns) {
        return new SimQueryExpr.Context() {
            @Override
            public Object column(String name) {
                return columns.apply(name);
            }

            @Override
            public Object call(String function, List<Object> args) {
                return SuiteQlEngine.call(function, args);
            }

            @Override
            public int compare(Object a, Object b) {
                return SuiteQlEngine.compare(a, b);
            }

            @Override
            public boolean equal(Object a, Object b) {
                return SuiteQlEngine.compare(a, b) == 0;
            }
        };
    }

    private static Object call(String function, List<Object> args) {
        Object first = args.isEmpty() ? null : args.get(0);
        switch (function) {
            case "UPPER", "LOWER" -> {
                if (first == null) {
                    return null;
                }
                String text = render(first).toString();
                return function.equals("UPPER") ? text.toUpperCase(Locale.ROOT) : text.toLowerCase(Locale.ROOT);
            }
            case "TO_CHAR" -> {
                if (first == null) {
                    return null;
                }
                if (args.size() < 2) {
                    return render(first).toString();
                }
                DateTimeFormatter format = oracleFormat(args.get(1));
                if (first instanceof LocalDateTime at) {
                    return format.format(at);
                }
                if (first instanceof LocalDate date) {
                    return format.format(date.atStartOfDay());
                }
                throw invalidQuery("TO_CHAR with a format needs a date; got " + render(first));
            }
            case "TO_TIMESTAMP", "TO_DATE" -> {
                if (first == null) {
                    return null;
                }
                if (args.size() < 2) {
                    throw invalidQuery(function + " needs a format");
                }
                try {
                    var parsed = oracleFormat(args.get(1)).parse(first.toString());
                    LocalDate date = LocalDate.from(parsed);
                    if (!parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
                        return date.atStartOfDay();
                    }
                    return LocalDateTime.from(parsed);
                } catch (DateTimeParseException e) {
                    throw invalidQuery("the literal '" + first + "' does not match the format '" + args.get(1) + "'");
                }
            }
            default -> throw invalidQuery("function " + function + " is not supported by the sandbox simulator");
        }
    }

    /**
     * A Java formatter for an Oracle datetime format such as {@code YYYY-MM-DD HH24:MI:SS}; the same format gives the
     * same formatter, built once (a query's {@code WHERE} calls it per row, and a poll scans the whole table).
     */
    static DateTimeFormatter oracleFormat(Object format) {
        if (format == null) {
            throw invalidQuery("a date format is null");
        }
        String oracle = format.toString();
        DateTimeFormatter known = FORMATS.get(oracle);
        if (known != null) {
            return known;
        }
        DateTimeFormatter built = buildOracleFormat(oracle);
        if (FORMATS.size() < MAX_FORMATS) {
            FORMATS.put(oracle, built);
        }
        return built;
    }

    private static DateTimeFormatter buildOracleFormat(String oracle) {
        StringBuilder java = new StringBuilder();
        int i = 0;
        while (i < oracle.length()) {
            String rest = oracle.substring(i).toUpperCase(Locale.ROOT);
            String[][] tokens = {{"YYYY", "uuuu"}, {"HH24", "HH"}, {"HH12", "hh"}, {"HH", "hh"}, {"MI", "mm"},
                    {"MM", "MM"}, {"DD", "dd"}, {"SS", "ss"}, {"AM", "a"}, {"PM", "a"}};
            boolean matched = false;
            for (String[] token : tokens) {
                if (rest.startsWith(token[0])) {
                    java.append(token[1]);
                    i += token[0].length();
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                char c = oracle.charAt(i++);
                if (Character.isLetter(c)) {
                    throw invalidQuery("the date format element at '" + oracle.substring(i - 1)
                            + "' is not supported by the sandbox simulator");
                }
                java.append(c == '\'' ? "''" : String.valueOf(c));
            }
        }
        return DateTimeFormatter.ofPattern(java.toString(), Locale.ROOT);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        Object x = comparable(a);
        Object y = comparable(b);
        if (x instanceof BigDecimal m && y instanceof BigDecimal n) {
            return m.compareTo(n);
        }
        if (x instanceof BigDecimal m && y instanceof String s) {
            return m.compareTo(new BigDecimal(s.trim()));
        }
        if (x instanceof String s && y instanceof BigDecimal n) {
            return new BigDecimal(s.trim()).compareTo(n);
        }
        if (x.getClass() == y.getClass() && x instanceof Comparable c) {
            return c.compareTo(y);
        }
        return render(x).toString().compareTo(render(y).toString());
    }

    /** Ids as numbers, dates as date-times, so mixed operands compare. */
    private static Object comparable(Object value) {
        if (value instanceof InternalId id) {
            return id.value();
        }
        if (value instanceof Number n && !(value instanceof BigDecimal)) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay();
        }
        return value;
    }

    private static Comparator<Source> order(List<SimQuery.OrderItem> keys, ZoneId zone) {
        Comparator<Source> all = null;
        for (SimQuery.OrderItem key : keys) {
            boolean nullsFirst = key.nullsFirst() != null ? key.nullsFirst() : key.descending();
            Comparator<Object> values = (a, b) -> key.descending() ? compare(b, a) : compare(a, b);
            Comparator<Object> withNulls = nullsFirst ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
            Comparator<Source> one = Comparator.comparing(s -> key.expr().eval(context(s, zone)), withNulls);
            all = all == null ? one : all.thenComparing(one);
        }
        return all;
    }
}
