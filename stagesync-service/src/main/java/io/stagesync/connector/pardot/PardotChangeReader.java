package io.stagesync.connector.pardot;

import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.SystemRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads changed Account Engagement prospects, in {@code (updatedAt, id)} order, through the v5
 * prospect query.
 *
 * <p>One object type: {@value #PROSPECT}. The fields read are {@link #BASE_FIELDS}, then the
 * stage field, the Salesforce id fields and the further fields of the settings, without
 * duplicates; {@link SystemRecord#fields()} holds them by their v5 names as Pardot returned them
 * (relationship fields as nested maps, nothing flattened).
 *
 * <p>A read from position {@code (T, N)} asks for {@code updatedAtAfterOrEqualTo=T&orderBy=updatedAt,id}
 * and follows {@code nextPageToken} until Pardot gives none; rows at or before {@code (T, N)}
 * are dropped (they were delivered before), so prospects sharing an {@code updatedAt} across a
 * page or poll boundary are neither skipped nor repeated. A read from nothing asks for every
 * prospect in that order. A page whose rows all drop is not delivered; the read goes on.
 *
 * <p>Safeguards: a row out of {@code (updatedAt, id)} order stops the read with a permanent
 * {@link SystemCallException} (nothing would otherwise catch a business unit that ignores the
 * order); a page token that expired or is invalid (codes 210/211) and a result capped at 100,000
 * rows ({@code Pardot-Warning: 203}) start a new query from the last delivered position, as long
 * as the previous query advanced it (else the 210/211 failure is thrown, or the capped read ends).
 *
 * <p>{@link ChangePosition#cursor()} is the prospect id zero-padded to 20 digits, so cursors sort
 * like ids. Prospects in the recycle bin are not read (v5 leaves them out of queries). Thread-safe
 * if the client is.
 */
public final class PardotChangeReader implements ChangeReader {
    /** The object type this reader knows. */
    public static final String PROSPECT = "prospect";
    /** The fields every read asks for, before the configured ones. */
    public static final List<String> BASE_FIELDS = List.of("id", "email", "firstName", "lastName", "company", "score",
            "grade", "campaignId", "updatedAt");
    static final String RESULT_CAPPED = "203";
    static final int CURSOR_DIGITS = 20;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1," + CURSOR_DIGITS + "}");
    private static final String OPERATION = "query prospect";

    private final PardotClient client;
    private final List<String> fields;

    public PardotChangeReader(PardotClient client) {
        this.client = Objects.requireNonNull(client, "client");
        PardotSettings settings = client.settings();
        Set<String> all = new LinkedHashSet<>(BASE_FIELDS);
        all.add(settings.stageField());
        all.addAll(settings.salesforceIdFields());
        all.addAll(settings.prospectFields());
        this.fields = List.copyOf(all);
    }

    /** The fields each query asks for, in the order sent. */
    public List<String> fields() {
        return fields;
    }

    /** The cursor of a prospect id: the id zero-padded to 20 digits. */
    public static String cursor(String id) {
        if (id == null || !DIGITS.matcher(id).matches()) {
            throw new IllegalArgumentException("a prospect id is 1-20 digits; got " + id);
        }
        return "0".repeat(CURSOR_DIGITS - id.length()) + id;
    }

    /** The prospect id of a cursor (leading zeros removed). */
    public static String idOf(String cursor) {
        if (cursor == null || cursor.length() != CURSOR_DIGITS || !DIGITS.matcher(cursor).matches()) {
            throw new IllegalArgumentException("a Pardot cursor is exactly 20 digits; got " + cursor);
        }
        return cursor.replaceFirst("^0+(?=.)", "");
    }

    /**
     * @param objectType {@value #PROSPECT}
     * @param pageSize   at least 1; more than 1000 asks for 1000
     * @throws IllegalArgumentException for another object type, a page size below 1 or a cursor
     *     that is not 20 digits
     */
    @Override
    public void readChanges(String objectType, ChangePosition after, int pageSize, PageConsumer consumer) {
        if (!PROSPECT.equals(objectType)) {
            throw new IllegalArgumentException("Pardot change reading supports [" + PROSPECT + "]; got " + objectType);
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1; got " + pageSize);
        }
        if (after != null) {
            idOf(after.cursor());
        }
        int limit = Math.min(pageSize, PardotSettings.MAX_PAGE_SIZE);
        ChangePosition position = after;
        while (true) {
            Query query = new Query(position);
            PardotClient.ProspectPage page = client.queryProspects(fields, position == null ? null : position.modstamp(), limit);
            while (true) {
                List<SystemRecord> records = query.newRecords(page);
                if (!records.isEmpty()) {
                    SystemRecord last = records.get(records.size() - 1);
                    ChangePosition end = new ChangePosition(last.modstamp(), cursor(last.id()));
                    if (!consumer.accept(List.copyOf(records), end)) {
                        return;
                    }
                    position = end;
                }
                if (page.nextPageToken() == null) {
                    break;
                }
                try {
                    page = client.nextProspects(fields, page.nextPageToken());
                } catch (PardotCallException e) {
                    if (!isPageTokenFailure(e) || !query.advanced(position)) {
                        throw e;
                    }
                    page = null;
                    break;
                }
            }
            boolean tokenFailed = page == null;
            if (!(tokenFailed || query.capped) || !query.advanced(position)) {
                return;
            }
        }
    }

    /**
     * {@inheritDoc} {@code GET /api/v5/objects/prospects/{id}} with the same fields as a query.
     *
     * @throws IllegalArgumentException for another object type or an id that is not digits
     */
    @Override
    public java.util.Optional<SystemRecord> readRecord(String objectType, String id) {
        if (!PROSPECT.equals(objectType)) {
            throw new IllegalArgumentException("Pardot change reading supports [" + PROSPECT + "]; got " + objectType);
        }
        return client.readProspect(id, fields).map(PardotChangeReader::toRecord);
    }

    private static boolean isPageTokenFailure(PardotCallException e) {
        Integer code = e.pardotCode();
        return code != null && (code == PardotErrors.PAGE_TOKEN_EXPIRED || code == PardotErrors.PAGE_TOKEN_INVALID);
    }

    /** One query chain: where it started, the last row seen (delivered or dropped), whether Pardot capped it. */
    private static final class Query {
        private final ChangePosition start;
        private ChangePosition lastSeen;
        boolean capped;

        Query(ChangePosition start) {
            this.start = start;
            this.lastSeen = start;
        }

        /** Whether {@code position} is past where this query started, so a new query from it makes progress. */
        boolean advanced(ChangePosition position) {
            return position != null && (start == null || isAfter(position, start));
        }

        /** The page's rows after the start position, checked to be in strictly increasing (updatedAt, id) order. */
        List<SystemRecord> newRecords(PardotClient.ProspectPage page) {
            if (RESULT_CAPPED.equals(page.warning())) {
                capped = true;
            }
            List<SystemRecord> records = new ArrayList<>(page.values().size());
            for (Map<String, Object> row : page.values()) {
                SystemRecord record = toRecord(row);
                ChangePosition at = new ChangePosition(record.modstamp(), cursor(record.id()));
                if (lastSeen == null || isAfter(at, lastSeen)) {
                    records.add(record);
                    lastSeen = at;
                } else if (!at.equals(lastSeen) && (start == null || isAfter(lastSeen, start))) {
                    throw new SystemCallException(PardotHttp.SYSTEM, OPERATION, 200, null, "prospect " + record.id()
                            + " (updatedAt " + record.modstamp() + ") came after " + lastSeen + ": rows are not in"
                            + " (updatedAt, id) order; does the business unit accept orderBy=" + PardotClient.ORDER_BY
                            + "?", null, false, null, null);
                }
            }
            return records;
        }
    }

    private static SystemRecord toRecord(Map<String, Object> row) {
        Object id = row.get("id");
        Object updatedAt = row.get("updatedAt");
        if (id == null || !DIGITS.matcher(id.toString()).matches() || updatedAt == null) {
            throw new SystemCallException(PardotHttp.SYSTEM, OPERATION, 200, null,
                    "a prospect has no numeric id or no updatedAt: id=" + id + ", updatedAt=" + updatedAt,
                    null, false, null, null);
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(updatedAt.toString()).toInstant();
        } catch (DateTimeParseException e) {
            throw new SystemCallException(PardotHttp.SYSTEM, OPERATION, 200, null,
                    "unreadable updatedAt '" + updatedAt + "' of prospect " + id + " (expected ISO 8601 with an offset)",
                    null, false, null, e);
        }
        return new SystemRecord(PardotHttp.SYSTEM, PROSPECT, id.toString(), at, row);
    }

    private static boolean isAfter(ChangePosition a, ChangePosition b) {
        int byTime = a.modstamp().compareTo(b.modstamp());
        return byTime > 0 || (byTime == 0 && a.cursor().compareTo(b.cursor()) > 0);
    }
}
