package io.stagesync.connector.netsuite;

import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.SystemRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads changed NetSuite records through SuiteQL, in {@code (lastmodifieddate, id)} order.
 *
 * <p>Object types: {@code customer}, {@code contact} and {@code opportunity} (SuiteQL keeps
 * opportunities in {@code transaction} with {@code type = 'Opprtnty'}), each with a fixed column
 * list, then the extra columns configured for it (e.g. a custom entity field such as
 * {@code custentity_stagesync_stage} that holds a contact's stage), plus
 * {@code TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS modstamp}.
 *
 * <p>Paging is by position, not by offset: every page is the query
 * {@code lastmodifieddate > T OR (lastmodifieddate = T AND id > N) ORDER BY lastmodifieddate, id}
 * with {@code limit=pageSize&offset=0}, where {@code (T, N)} is the end of the previous page (or
 * of {@code after}); the next page is asked for while NetSuite says {@code hasMore}. Offset
 * paging over a changing result would skip a row whenever an earlier row is modified during the
 * read (it moves to the end and the rest shift left), and SuiteQL caps offsets at 100,000 rows;
 * position paging has neither problem, and rows sharing a modstamp across a page boundary are
 * neither skipped nor repeated.
 *
 * <p>Modstamps are whole seconds in the configured SuiteQL time zone, which is exact as long as
 * {@code lastmodifieddate} itself holds whole seconds (a date-time without fractions in SuiteQL).
 * Should a page ever fail to advance the position, the read stops with a permanent
 * {@link SystemCallException} instead of looping. Whole seconds mean a row edited after a read,
 * within the second the read ended in, keeps that second: a later read starting exactly at that
 * position would miss it whenever its id is lower (and so would a save that commits after its
 * stamp). The engine therefore starts each poll a look-back window behind its watermark
 * ({@code stagesync.netsuite.look-back-seconds}, 10 s by default) and drops the rows it
 * already knows by content; this reader pages by position from wherever it is asked to start.
 *
 * <p>{@link ChangePosition#cursor()} is the internal id zero-padded to 20 digits, so cursors sort
 * like ids. Only digits ever reach the query from a cursor or a row; the timestamp is formatted
 * from an {@link Instant}. Thread-safe if the client is.
 */
public final class NetSuiteChangeReader implements ChangeReader {
    static final int CURSOR_DIGITS = 20;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1," + CURSOR_DIGITS + "}");

    /** What to select for one object type. */
    private record Source(String table, String filter, List<String> columns) {
    }

    private static final Map<String, Source> SOURCES = Map.of(
            "customer", new Source("customer", null,
                    List.of("id", "entityid", "companyname", "email", "phone", "url", "entitystatus", "externalid")),
            "contact", new Source("contact", null,
                    List.of("id", "firstname", "lastname", "email", "phone", "company", "externalid")),
            "opportunity", new Source("transaction", "type = 'Opprtnty'",
                    List.of("id", "title", "projectedtotal", "expectedclosedate", "entitystatus", "entity", "externalid")));

    /** What a SuiteQL column name may look like (custom fields: {@code custentity_…}); lower case. */
    private static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9_]{0,99}");

    private final NetSuiteClient client;
    private final ZoneId zone;
    private final Map<String, List<String>> extraColumns;

    /** A reader using the client's {@link NetSuiteSettings#suiteQlZone()}. */
    public NetSuiteChangeReader(NetSuiteClient client) {
        this(client, client.settings().suiteQlZone());
    }

    /** @param zone the time zone NetSuite writes SuiteQL dates in for the integration user */
    public NetSuiteChangeReader(NetSuiteClient client, ZoneId zone) {
        this(client, zone, Map.of());
    }

    /**
     * @param zone         the time zone NetSuite writes SuiteQL dates in for the integration user
     * @param extraColumns object type to further columns to select after its fixed ones (names are
     *                     matched case-insensitively and sent in lower case; the fixed ones and
     *                     duplicates are dropped)
     * @throws IllegalArgumentException for an unknown object type or a name that is not a SuiteQL column name
     */
    public NetSuiteChangeReader(NetSuiteClient client, ZoneId zone, Map<String, List<String>> extraColumns) {
        this.client = Objects.requireNonNull(client, "client");
        this.zone = Objects.requireNonNull(zone, "zone");
        Map<String, List<String>> extras = new LinkedHashMap<>();
        extraColumns.forEach((objectType, names) -> {
            Source source = source(objectType);
            java.util.Set<String> columns = new java.util.LinkedHashSet<>();
            for (String name : names) {
                String column = name.toLowerCase(java.util.Locale.ROOT);
                if (!COLUMN.matcher(column).matches() || column.equals("modstamp")) {
                    throw new IllegalArgumentException("not a SuiteQL column name for NetSuite " + objectType + ": '"
                            + name + "'");
                }
                if (!source.columns().contains(column)) {
                    columns.add(column);
                }
            }
            extras.put(objectType, List.copyOf(columns));
        });
        this.extraColumns = Map.copyOf(extras);
    }

    /** The object types this reader knows. */
    public static Set<String> objectTypes() {
        return SOURCES.keySet();
    }

    /** The fixed columns read for an object type, without the extra ones and the modstamp. */
    public static List<String> columns(String objectType) {
        return source(objectType).columns();
    }

    /** The cursor for an internal id: its digits zero-padded to 20. */
    public static String cursor(String id) {
        if (id == null || !DIGITS.matcher(id).matches()) {
            throw new IllegalArgumentException("a NetSuite internal id is 1-20 digits; got " + id);
        }
        String trimmed = id.replaceFirst("^0+(?=.)", "");
        return "0".repeat(CURSOR_DIGITS - trimmed.length()) + trimmed;
    }

    /** The internal id a cursor stands for. */
    public static String idOf(String cursor) {
        if (cursor == null || cursor.length() != CURSOR_DIGITS || !DIGITS.matcher(cursor).matches()) {
            throw new IllegalArgumentException("a NetSuite cursor is exactly 20 digits; got " + cursor);
        }
        return cursor.replaceFirst("^0+(?=.)", "");
    }

    /**
     * @param objectType {@code customer}, {@code contact} or {@code opportunity}
     * @param pageSize   at least 1; more than 1000 asks for 1000
     * @throws IllegalArgumentException for another object type, a page size below 1 or a cursor
     *     that is not 20 digits
     */
    @Override
    public void readChanges(String objectType, ChangePosition after, int pageSize, PageConsumer consumer) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1; got " + pageSize);
        }
        int limit = Math.min(pageSize, NetSuiteSettings.MAX_PAGE_SIZE);
        ChangePosition position = after;
        while (true) {
            SuiteQlPage page = client.suiteQl("suiteql " + objectType, query(objectType, position), limit, 0);
            List<SystemRecord> records = new ArrayList<>(page.items().size());
            for (Map<String, Object> row : page.items()) {
                records.add(toRecord(objectType, row));
            }
            if (records.isEmpty()) {
                return;
            }
            SystemRecord last = records.get(records.size() - 1);
            ChangePosition end = new ChangePosition(last.modstamp(), cursor(last.id()));
            if (position != null && !isAfter(end, position)) {
                throw new SystemCallException(NetSuiteHttp.SYSTEM, "suiteql " + objectType, 200, null,
                        "the page did not advance past " + position + "; rows are not in (lastmodifieddate, id) order",
                        null, false, null, null);
            }
            if (!consumer.accept(List.copyOf(records), end) || !page.hasMore()) {
                return;
            }
            position = end;
        }
    }

    /** The SuiteQL text for the rows of {@code objectType} after {@code after} (null: all rows). */
    String query(String objectType, ChangePosition after) {
        Source source = source(objectType);
        List<String> columns = new ArrayList<>(source.columns());
        columns.addAll(extraColumns.getOrDefault(objectType, List.of()));
        StringBuilder q = new StringBuilder("SELECT ").append(String.join(", ", columns))
                .append(", TO_CHAR(lastmodifieddate, ").append(SuiteQl.string(SuiteQl.DATETIME_FORMAT)).append(") AS modstamp")
                .append(" FROM ").append(source.table());
        List<String> conditions = new ArrayList<>();
        if (source.filter() != null) {
            conditions.add(source.filter());
        }
        if (after != null) {
            String at = SuiteQl.timestamp(LocalDateTime.ofInstant(after.modstamp(), zone).truncatedTo(ChronoUnit.SECONDS));
            conditions.add("(lastmodifieddate > " + at + " OR (lastmodifieddate = " + at + " AND id > "
                    + SuiteQl.integer(idOf(after.cursor())) + "))");
        }
        if (!conditions.isEmpty()) {
            q.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        return q.append(" ORDER BY lastmodifieddate, id").toString();
    }

    /**
     * {@inheritDoc} One SuiteQL query by internal id, the same columns as a change read.
     *
     * @param id a NetSuite internal id (digits)
     * @throws IllegalArgumentException for an unknown object type or an id that is not digits
     */
    @Override
    public java.util.Optional<SystemRecord> readRecord(String objectType, String id) {
        cursor(id);
        SuiteQlPage page = client.suiteQl("suiteql " + objectType, recordQuery(objectType, id), 1, 0);
        return page.items().stream().map(row -> toRecord(objectType, row)).filter(r -> r.id().equals(id)).findFirst();
    }

    /** The SuiteQL text for the one row of {@code objectType} with internal id {@code id}. */
    String recordQuery(String objectType, String id) {
        Source source = source(objectType);
        List<String> columns = new ArrayList<>(source.columns());
        columns.addAll(extraColumns.getOrDefault(objectType, List.of()));
        return "SELECT " + String.join(", ", columns) + ", TO_CHAR(lastmodifieddate, "
                + SuiteQl.string(SuiteQl.DATETIME_FORMAT) + ") AS modstamp FROM " + source.table() + " WHERE "
                + (source.filter() == null ? "" : source.filter() + " AND ") + "id = " + SuiteQl.integer(id);
    }

    private SystemRecord toRecord(String objectType, Map<String, Object> row) {
        Object id = row.get("id");
        Object modstamp = row.get("modstamp");
        if (id == null || !DIGITS.matcher(id.toString()).matches() || modstamp == null) {
            throw new SystemCallException(NetSuiteHttp.SYSTEM, "suiteql " + objectType, 200, null,
                    "a row has no numeric id or no modstamp: id=" + id + ", modstamp=" + modstamp, null, false, null, null);
        }
        Instant at;
        try {
            at = LocalDateTime.parse(modstamp.toString(), SuiteQl.DATETIME).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new SystemCallException(NetSuiteHttp.SYSTEM, "suiteql " + objectType, 200, null,
                    "unreadable modstamp '" + modstamp + "' (expected " + SuiteQl.DATETIME_FORMAT + ")", null, false, null, e);
        }
        Map<String, Object> fields = new LinkedHashMap<>(row);
        fields.remove("modstamp");
        return new SystemRecord(NetSuiteHttp.SYSTEM, objectType, id.toString(), at, fields);
    }

    private static boolean isAfter(ChangePosition a, ChangePosition b) {
        int byTime = a.modstamp().truncatedTo(ChronoUnit.SECONDS).compareTo(b.modstamp().truncatedTo(ChronoUnit.SECONDS));
        return byTime > 0 || (byTime == 0 && a.cursor().compareTo(b.cursor()) > 0);
    }

    private static Source source(String objectType) {
        Source source = SOURCES.get(objectType);
        if (source == null) {
            throw new IllegalArgumentException("NetSuite change reading supports " + SOURCES.keySet().stream().sorted().toList()
                    + "; got " + objectType);
        }
        return source;
    }
}
