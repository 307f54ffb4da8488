package io.stagesync.connector.eloqua;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.SystemRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads changed Eloqua contacts through the Application API, in {@code (updatedAt, id)} order.
 *
 * <p>Each request is {@code GET /api/REST/1.0/data/contacts?depth=complete&count=N&page=P
 * &orderBy=updatedAt&search=updatedAt>='yyyy-MM-dd HH:mm:ss'} (saas-apis.md §2.3, §2.4), the
 * date-time being a lower bound B written in {@link EloquaSettings#searchZone()}; the first
 * bound is the modstamp of {@code after} (no search from the beginning).
 *
 * <p>Eloqua's {@code updatedAt} has one-second resolution and the list can only be ordered by it,
 * so several contacts share a second and their order within it is Eloqua's. A page is therefore
 * cut at the last second it holds: the contacts of earlier seconds are complete and delivered,
 * sorted by {@code (updatedAt, id)}, without those at or before the position already taken; the
 * next request starts again at page 1 with that last second as the bound ({@code >=}), so the
 * contacts sharing it are read whole. Only when every contact of a page is in one second (more
 * of them than fit a page) does the read go on to page P+1 of the same query. Restarting from a
 * bound instead of paging on keeps a contact modified during the read from shifting the pages
 * under it; rows before the bound (a search zone behind Eloqua's reads from earlier) are dropped.
 * A read stopped by the consumer, or resumed later from a saved position, thus neither skips nor
 * repeats a contact, whatever the page size. Pages handed to the consumer hold at most
 * {@code pageSize} contacts. One limit remains: inside a tie wider than a page the read pages on
 * by offset, so a contact of that very second edited during the read can shift another one of
 * it out of sight; a larger {@code pageSize} makes that rarer.
 *
 * <p>Fields: every top-level property under its name ({@code emailAddress}, {@code firstName},
 * {@code accountName}, …) and every {@code fieldValues} entry under its field's internal name
 * from {@link EloquaFieldMetadata} (an id the metadata does not know, a field created after
 * start, under {@code fieldValue.<id>}). With a scoring model configured, each page also gets
 * {@value #LEAD_RATING} and {@value #LEAD_SCORE} from {@link EloquaLeadScores} (absent for a
 * contact the export did not return).
 *
 * <p>{@link ChangePosition#cursor()} is the contact id zero-padded to 20 digits, so cursors sort
 * like ids. A list that is not in {@code updatedAt} order, or a contact without a numeric id or
 * an epoch {@code updatedAt}, stops the read with a permanent {@link SystemCallException}.
 * VERIFY: the search term ({@code updatedAt}, an Application API property; Oracle's tutorial
 * says {@code /data} endpoints generally search on fields such as {@code C_DateModified}), its
 * date-time format and zone, and that {@code orderBy=updatedAt} sorts ascending and keeps ties
 * in a stable order between requests. Thread-safe if the client is.
 */
public final class EloquaChangeReader implements ChangeReader {
    /** Field holding the scoring model's rating (e.g. {@code A1}) when scoring is configured. */
    public static final String LEAD_RATING = "leadRating";
    /** Field holding the configured score of the scoring model when scoring is configured. */
    public static final String LEAD_SCORE = "leadScore";
    static final String OPERATION = "list contact";
    static final String SEARCH_TERM = "updatedAt";
    static final int CURSOR_DIGITS = 20;
    private static final int MAX_PAGES_PER_QUERY = 10_000;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1," + CURSOR_DIGITS + "}");
    private static final Comparator<SystemRecord> ORDER = Comparator.comparing(SystemRecord::modstamp)
            .thenComparing(r -> cursor(r.id()));

    private final EloquaClient client;
    private final EloquaFieldMetadata metadata;
    private final EloquaLeadScores scores;
    private final ZoneId zone;

    /** A reader with the lead scores of {@link EloquaSettings#scoringModelId()} when one is configured. */
    public EloquaChangeReader(EloquaClient client, EloquaFieldMetadata metadata) {
        this(client, metadata, client.settings().scoringModelId()
                .map(id -> new EloquaLeadScores(new EloquaBulkExport(client), id, client.settings().scoreField()))
                .orElse(null));
    }

    /** @param scores merged into every page, or null for none */
    public EloquaChangeReader(EloquaClient client, EloquaFieldMetadata metadata, EloquaLeadScores scores) {
        this.client = Objects.requireNonNull(client, "client");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.scores = scores;
        this.zone = client.settings().searchZone();
    }

    /** The object types this reader knows. */
    public static Set<String> objectTypes() {
        return Set.of(EloquaContacts.OBJECT_TYPE);
    }

    /** The cursor of an id: the id zero-padded to 20 digits. */
    public static String cursor(String id) {
        if (id == null || !DIGITS.matcher(id).matches()) {
            throw new IllegalArgumentException("an Eloqua id is 1-20 digits; got " + id);
        }
        return "0".repeat(CURSOR_DIGITS - id.length()) + id;
    }

    /** The id a cursor stands for. */
    public static String idOf(String cursor) {
        if (cursor == null || cursor.length() != CURSOR_DIGITS || !DIGITS.matcher(cursor).matches()) {
            throw new IllegalArgumentException("an Eloqua cursor is exactly 20 digits; got " + cursor);
        }
        return cursor.replaceFirst("^0+(?=.)", "");
    }

    /**
     * @param objectType {@code contact}
     * @param pageSize   at least 1; more than 1000 asks for 1000
     * @throws IllegalArgumentException for another object type, a page size below 1 or a cursor
     *     that is not 20 digits, before any call
     */
    @Override
    public void readChanges(String objectType, ChangePosition after, int pageSize, PageConsumer consumer) {
        if (!EloquaContacts.OBJECT_TYPE.equals(objectType)) {
            throw new IllegalArgumentException("Eloqua change reading supports " + objectTypes() + "; got " + objectType);
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1; got " + pageSize);
        }
        if (after != null) {
            idOf(after.cursor());
        }
        Objects.requireNonNull(consumer, "consumer");
        metadata.verify();
        new Read(after, Math.min(pageSize, EloquaSettings.MAX_PAGE_SIZE), consumer).run();
    }

    /**
     * Contacts as Eloqua holds them now, one {@code GET /api/REST/1.0/data/contact/{id}?depth=complete} each (Eloqua
     * has no read by several ids), in (updatedAt, id) order; a contact Eloqua answers 404 for (deleted or merged
     * away) is left out. <b>Without the lead score fields</b> ({@code readChanges} takes those from a bulk export
     * per page): what {@code reconcile} reads (the stage field), not what a replay may apply, so
     * {@link #readRecord} stays unsupported.
     *
     * @throws IllegalArgumentException for another object type or an id that is not an Eloqua contact id
     */
    @Override
    public List<SystemRecord> readRecords(String objectType, java.util.Collection<String> ids) {
        if (!EloquaContacts.OBJECT_TYPE.equals(objectType)) {
            throw new IllegalArgumentException("Eloqua change reading supports " + objectTypes() + "; got " + objectType);
        }
        for (String id : ids) {
            if (!EloquaContacts.isId(id)) {
                throw new IllegalArgumentException("an Eloqua contact id is 1-20 digits; got '" + id + "'");
            }
        }
        metadata.verify();
        List<SystemRecord> records = new ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(ids)) {
            try {
                JsonNode contact = client.get("get contact", EloquaContacts.CONTACT_PATH + "/" + id,
                        UrlQuery.of("depth", "complete"));
                records.add(EloquaContacts.toRecord(contact, metadata));
            } catch (io.stagesync.connector.SystemCallException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        records.sort(java.util.Comparator.comparing(SystemRecord::modstamp).thenComparing(SystemRecord::id));
        return records;
    }

    /** The query of one list request: {@code bound} null reads from the beginning. */
    String query(Instant bound, int page, int count) {
        return UrlQuery.of("depth", "complete", "count", count, "page", page, "orderBy", SEARCH_TERM,
                "search", bound == null ? null : EloquaSearch.atOrAfter(SEARCH_TERM, bound, zone));
    }

    /** One call of {@link #readChanges}: the position taken so far and the delivery of pages. */
    private final class Read {
        private final int count;
        private final PageConsumer consumer;
        private ChangePosition position;

        Read(ChangePosition after, int count, PageConsumer consumer) {
            this.position = after;
            this.count = count;
            this.consumer = consumer;
        }

        void run() {
            Instant bound = position == null ? null : position.modstamp().truncatedTo(ChronoUnit.SECONDS);
            int page = 1;
            List<SystemRecord> pending = new ArrayList<>();
            while (true) {
                if (page > MAX_PAGES_PER_QUERY) {
                    throw notOrdered("more than " + MAX_PAGES_PER_QUERY + " pages for one bound; Eloqua does not seem"
                            + " to honour page");
                }
                Listed listed = list(bound, page);
                for (SystemRecord row : listed.rows()) {
                    if (bound == null || !row.modstamp().isBefore(bound)) {
                        if (!pending.isEmpty() && row.modstamp().isBefore(last(pending))) {
                            throw notOrdered("page " + page + " goes back in time from the page before");
                        }
                        pending.add(row);
                    }
                }
                Instant last = pending.isEmpty() ? null : last(pending);
                List<SystemRecord> complete;
                if (listed.exhausted()) {
                    complete = pending;
                } else {
                    complete = last == null ? List.of() : pending.stream().filter(r -> r.modstamp().isBefore(last)).toList();
                    if (complete.isEmpty()) {
                        page++;
                        continue;
                    }
                }
                if (!deliver(complete) || listed.exhausted()) {
                    return;
                }
                bound = last;
                page = 1;
                pending = new ArrayList<>();
            }
        }

        /** Hands the contacts after the position to the consumer in pages; false when it said stop. */
        private boolean deliver(List<SystemRecord> complete) {
            List<SystemRecord> fresh = complete.stream().filter(r -> position == null || isAfter(r, position))
                    .sorted(ORDER).toList();
            for (int from = 0; from < fresh.size(); from += count) {
                List<SystemRecord> page = fresh.subList(from, Math.min(fresh.size(), from + count));
                SystemRecord last = page.get(page.size() - 1);
                List<SystemRecord> delivered = scores == null ? List.copyOf(page) : withScores(page);
                position = new ChangePosition(last.modstamp(), cursor(last.id()));
                if (!consumer.accept(delivered, position)) {
                    return false;
                }
            }
            return true;
        }

        private Listed list(Instant bound, int page) {
            JsonNode root = client.get(OPERATION, EloquaContacts.CONTACTS_PATH, query(bound, page, count));
            JsonNode elements = root.path("elements");
            List<SystemRecord> rows = new ArrayList<>(elements.size());
            for (JsonNode element : elements) {
                SystemRecord row = EloquaContacts.toRecord(element, metadata);
                if (row == null) {
                    throw EloquaErrors.unusable(OPERATION, 200, "a contact has no numeric id or no epoch-seconds updatedAt:"
                            + " id=" + EloquaContacts.text(element.get("id")) + ", updatedAt="
                            + EloquaContacts.text(element.get("updatedAt")), null, null);
                }
                if (!rows.isEmpty() && row.modstamp().isBefore(rows.get(rows.size() - 1).modstamp())) {
                    throw notOrdered("contacts on page " + page + " are not in updatedAt order");
                }
                rows.add(row);
            }
            long total = root.path("total").asLong(-1);
            boolean exhausted = rows.size() < count || total >= 0 && (long) page * count >= total;
            return new Listed(rows, exhausted);
        }
    }

    private List<SystemRecord> withScores(List<SystemRecord> page) {
        Map<String, EloquaLeadScores.LeadScore> byId = scores.between(page.get(0).modstamp(),
                page.get(page.size() - 1).modstamp());
        List<SystemRecord> merged = new ArrayList<>(page.size());
        for (SystemRecord record : page) {
            EloquaLeadScores.LeadScore score = byId.get(record.id());
            if (score == null) {
                merged.add(record);
            } else {
                Map<String, Object> fields = new LinkedHashMap<>(record.fields());
                fields.put(LEAD_RATING, score.rating());
                fields.put(LEAD_SCORE, score.score());
                merged.add(new SystemRecord(record.system(), record.objectType(), record.id(), record.modstamp(), fields));
            }
        }
        return List.copyOf(merged);
    }

    /** One list response: its contacts in Eloqua's order, and whether it was the last page. */
    private record Listed(List<SystemRecord> rows, boolean exhausted) {
    }

    private static Instant last(List<SystemRecord> rows) {
        return rows.get(rows.size() - 1).modstamp();
    }

    private static boolean isAfter(SystemRecord record, ChangePosition position) {
        int byTime = record.modstamp().compareTo(position.modstamp().truncatedTo(ChronoUnit.SECONDS));
        return byTime > 0 || byTime == 0 && cursor(record.id()).compareTo(position.cursor()) > 0;
    }

    private static SystemCallException notOrdered(String problem) {
        return EloquaErrors.unusable(OPERATION, 200, problem + "; the reader needs contacts ordered by updatedAt"
                + " ascending (orderBy=updatedAt)", null, null);
    }
}
