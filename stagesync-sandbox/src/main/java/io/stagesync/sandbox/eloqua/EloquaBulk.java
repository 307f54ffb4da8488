package io.stagesync.sandbox.eloqua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Bulk API 2.0 contact export of the Eloqua simulator (saas-apis.md §2.5, §2.7): the lead
 * scoring model, export definitions, syncs, their data and logs.
 *
 * <p>EML statements an export may use: {@code {{Contact.Id}}}, {@code {{Contact.CreatedAt}}},
 * {@code {{Contact.UpdatedAt}}}, {@code {{Contact.Field(<internal name>)}}} and
 * {@code {{Contact.LeadScore.Model[<id>].Rating|ProfileScore|EngagementScore}}} of the one model.
 * A filter is one or more {@code '{{statement}}' op 'value'} joined by {@code AND} (operators
 * {@code = != > < >= <=}); date-time statements compare as instants, the value read as
 * {@code yyyy-MM-dd HH:mm:ss} in UTC when the definition says {@code areSystemTimestampsInUTC},
 * else in the simulator's zone; other values compare as numbers when both are, else as text.
 *
 * <p>A sync takes its rows when it is created (contacts by id); it answers {@code pending} and
 * turns {@code success} after the configured number of status polls ({@code active} in between),
 * or at once when that number is 0. Data pages take {@code offset} and {@code limit} (1 to 50,000,
 * default 1000); empty values are {@code ""}. Thread-safe (synchronized; it reads the store, which
 * never calls back).
 */
final class EloquaBulk {
    static final String BULK = "/api/bulk/2.0";
    static final int MAX_FIELDS = 250;
    static final int MAX_DATA_LIMIT = 50_000;
    private static final Pattern STATEMENT = Pattern.compile("\\{\\{Contact\\.(Id|CreatedAt|UpdatedAt|Field\\(([A-Za-z0-9_]+)\\)"
            + "|LeadScore\\.Model\\[([0-9]+)]\\.(Rating|ProfileScore|EngagementScore))}}");
    private static final Pattern CONDITION = Pattern.compile("\\s*'(\\{\\{[^}]+}})'\\s*(>=|<=|!=|=|>|<)\\s*'([^']*)'\\s*");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter SYSTEM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'0000Z'")
            .withZone(ZoneOffset.UTC);

    private record Definition(long id, ObjectNode echo, Map<String, String> fields, List<Predicate<Row>> filter,
                              boolean utc) {
    }

    private static final class Sync {
        final long id;
        final String exportUri;
        final List<Map<String, String>> rows;
        final Instant createdAt;
        int pollsLeft;

        Sync(long id, String exportUri, List<Map<String, String>> rows, Instant createdAt, int polls) {
            this.id = id;
            this.exportUri = exportUri;
            this.rows = rows;
            this.createdAt = createdAt;
            this.pollsLeft = polls;
        }
    }

    /** A contact with its score, and how date-times are written for one export. */
    private record Row(EloquaStore.Scored scored, ZoneId zone) {
    }

    private final EloquaStore store;
    private final Clock clock;
    private final ZoneId zone;
    private final String modelId;
    private final String user;
    private final int pollsUntilSuccess;
    private final Map<Long, Definition> exports = new LinkedHashMap<>();
    private final Map<Long, Sync> syncs = new LinkedHashMap<>();
    private long nextExportId = 101;
    private long nextSyncId = 201;

    /**
     * @param modelId           the lead scoring model's id
     * @param user              the user name shown as {@code createdBy}
     * @param pollsUntilSuccess status polls before a sync succeeds, at least 0
     */
    EloquaBulk(EloquaStore store, Clock clock, ZoneId zone, String modelId, String user, int pollsUntilSuccess) {
        this.store = store;
        this.clock = clock;
        this.zone = zone;
        this.modelId = modelId;
        this.user = user;
        this.pollsUntilSuccess = pollsUntilSuccess;
    }

    /** {@code GET /contacts/scoring/models/{id}}. */
    synchronized ObjectNode model(String id) {
        if (!id.equals(modelId)) {
            throw EloquaFault.notFound("scoring model " + id);
        }
        ObjectNode model = JsonNodeFactory.instance.objectNode();
        model.put("name", "Default Lead Scoring");
        model.put("status", "Active");
        model.put("id", Long.parseLong(modelId));
        ArrayNode fields = model.putArray("fields");
        for (String[] field : new String[][] {{"Rating", "string"}, {"ProfileScore", "number"},
            {"EngagementScore", "number"}}) {
            fields.addObject().put("name", field[0])
                    .put("statement", "{{Contact.LeadScore.Model[" + modelId + "]." + field[0] + "}}")
                    .put("dataType", field[1]);
        }
        model.put("uri", "/contacts/scoring/models/" + modelId);
        model.put("createdBy", user);
        model.put("createdAt", "2024-01-02T10:00:00.0000000Z");
        return model;
    }

    /** {@code GET /contacts/scoring/models}: the one model in the Bulk list envelope. */
    synchronized ObjectNode models() {
        return list(List.of(model(modelId)), 0, 1000, 1);
    }

    /** {@code POST /contacts/exports}: checks and keeps the definition, answers it with its {@code uri}. */
    synchronized ObjectNode createExport(JsonNode body) {
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw EloquaFault.bulk(400, "name", "Is required.", null);
        }
        JsonNode fieldsNode = body.get("fields");
        if (fieldsNode == null || !fieldsNode.isObject() || fieldsNode.isEmpty() || fieldsNode.size() > MAX_FIELDS) {
            throw EloquaFault.bulk(400, "fields", "Must hold 1 to " + MAX_FIELDS + " fields.", null);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = fieldsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String statement = field.getValue().asText();
            checkStatement("fields." + field.getKey(), statement);
            fields.put(field.getKey(), statement);
        }
        boolean utc = body.path("areSystemTimestampsInUTC").asBoolean(false);
        JsonNode filterNode = body.get("filter");
        List<Predicate<Row>> filter = filterNode == null || filterNode.isNull() ? List.of()
                : filter(filterNode.asText(), utc ? ZoneOffset.UTC : zone);
        long id = nextExportId++;
        ObjectNode echo = body.deepCopy();
        echo.put("uri", "/contacts/exports/" + id);
        String now = SYSTEM_TIME.format(clock.instant());
        echo.put("createdBy", user);
        echo.put("createdAt", now);
        echo.put("updatedBy", user);
        echo.put("updatedAt", now);
        exports.put(id, new Definition(id, echo, fields, filter, utc));
        return echo;
    }

    /** {@code DELETE /contacts/exports/{id}}. */
    synchronized void deleteExport(long id) {
        if (exports.remove(id) == null) {
            throw EloquaFault.notFound("export " + id);
        }
    }

    /** {@code POST /syncs}: runs the export over the contacts as they are now. */
    synchronized ObjectNode createSync(JsonNode body) {
        String uri = body.path("syncedInstanceUri").asText("");
        Matcher export = Pattern.compile("/contacts/exports/([0-9]{1,18})").matcher(uri);
        Definition definition = export.matches() ? exports.get(Long.parseLong(export.group(1))) : null;
        if (definition == null) {
            throw EloquaFault.bulk(400, "syncedInstanceUri", "Must be the uri of an existing export definition.", uri);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        ZoneId rowZone = definition.utc() ? ZoneOffset.UTC : zone;
        for (EloquaStore.Scored scored : store.contactsWithScores()) {
            Row row = new Row(scored, rowZone);
            if (definition.filter().stream().allMatch(f -> f.test(row))) {
                Map<String, String> item = new LinkedHashMap<>();
                definition.fields().forEach((column, statement) -> item.put(column, value(statement, row)));
                rows.add(item);
            }
        }
        Sync sync = new Sync(nextSyncId++, uri, List.copyOf(rows), clock.instant(), pollsUntilSuccess);
        syncs.put(sync.id, sync);
        return status(sync);
    }

    /** {@code GET /syncs/{id}}: one status poll. */
    synchronized ObjectNode poll(long id) {
        Sync sync = sync(id);
        if (sync.pollsLeft > 0) {
            sync.pollsLeft--;
        }
        return status(sync);
    }

    /** {@code GET /syncs/{id}/data}: a page of the rows once the sync succeeded (none before). */
    synchronized ObjectNode data(long id, String offsetParam, String limitParam) {
        Sync sync = sync(id);
        int offset = number("offset", offsetParam, 0, 0, Integer.MAX_VALUE);
        int limit = number("limit", limitParam, 1000, 1, MAX_DATA_LIMIT);
        List<Map<String, String>> rows = sync.pollsLeft > 0 ? List.of() : sync.rows;
        List<Map<String, String>> page = offset >= rows.size() ? List.of()
                : rows.subList(offset, Math.min(rows.size(), offset + limit));
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        page.forEach(row -> {
            ObjectNode item = items.addObject();
            row.forEach(item::put);
        });
        return list(items, offset, limit, rows.size());
    }

    /** {@code GET /syncs/{id}/logs}. */
    synchronized ObjectNode logs(long id) {
        Sync sync = sync(id);
        List<JsonNode> items = new ArrayList<>();
        if (sync.pollsLeft == 0) {
            items.add(JsonNodeFactory.instance.objectNode().put("syncUri", "/syncs/" + id).put("count", sync.rows.size())
                    .put("severity", "information").put("statusCode", "ELQ-00001")
                    .put("message", "Total records processed.").put("createdAt", SYSTEM_TIME.format(sync.createdAt)));
        }
        return list(items, 0, 1000, items.size());
    }

    private ObjectNode status(Sync sync) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("syncedInstanceUri", sync.exportUri);
        String status = sync.pollsLeft == 0 ? "success" : sync.pollsLeft == pollsUntilSuccess ? "pending" : "active";
        if (!status.equals("pending")) {
            node.put("syncStartedAt", SYSTEM_TIME.format(sync.createdAt));
        }
        if (status.equals("success")) {
            node.put("syncEndedAt", SYSTEM_TIME.format(sync.createdAt));
        }
        node.put("status", status);
        node.put("createdAt", SYSTEM_TIME.format(sync.createdAt));
        node.put("createdBy", user);
        node.put("uri", "/syncs/" + sync.id);
        return node;
    }

    private Sync sync(long id) {
        Sync sync = syncs.get(id);
        if (sync == null) {
            throw EloquaFault.notFound("sync " + id);
        }
        return sync;
    }

    private void checkStatement(String where, String statement) {
        Matcher m = STATEMENT.matcher(statement);
        if (!m.matches()) {
            throw EloquaFault.bulk(400, where, "Must be a valid EML statement.", statement);
        }
        if (m.group(2) != null && store.schema().byInternalName(m.group(2)).isEmpty()) {
            throw EloquaFault.bulk(400, where, "Contact field " + m.group(2) + " does not exist.", statement);
        }
        if (m.group(3) != null && !m.group(3).equals(modelId)) {
            throw EloquaFault.bulk(400, where, "Scoring model " + m.group(3) + " does not exist.", statement);
        }
    }

    private List<Predicate<Row>> filter(String filter, ZoneId valueZone) {
        List<Predicate<Row>> conditions = new ArrayList<>();
        for (String part : filter.split("(?i)\\s+AND\\s+")) {
            Matcher m = CONDITION.matcher(part);
            if (!m.matches()) {
                throw EloquaFault.bulk(400, "filter", "Must be conditions '{{statement}}' op 'value' joined by AND.",
                        filter);
            }
            String statement = m.group(1);
            checkStatement("filter", statement);
            String op = m.group(2);
            String value = m.group(3);
            if (isDateTime(statement)) {
                Instant bound;
                try {
                    bound = LocalDateTime.parse(value, DATE_TIME).atZone(valueZone).toInstant();
                } catch (DateTimeParseException e) {
                    throw EloquaFault.bulk(400, "filter", "Must compare date-times as yyyy-MM-dd HH:mm:ss.", value);
                }
                conditions.add(row -> compare(instant(statement, row).compareTo(bound), op));
            } else {
                conditions.add(row -> compare(compareValues(value(statement, row), value), op));
            }
        }
        return conditions;
    }

    private static boolean isDateTime(String statement) {
        return statement.equals("{{Contact.CreatedAt}}") || statement.equals("{{Contact.UpdatedAt}}")
                || statement.equals("{{Contact.Field(" + EloquaContactSchema.DATE_CREATED + ")}}")
                || statement.equals("{{Contact.Field(" + EloquaContactSchema.DATE_MODIFIED + ")}}");
    }

    private static Instant instant(String statement, Row row) {
        EloquaContact contact = row.scored().contact();
        return statement.contains("Created") ? contact.createdAt() : contact.updatedAt();
    }

    /** The statement's value for one contact, as Bulk exports it: text, {@code ""} when empty. */
    private String value(String statement, Row row) {
        if (isDateTime(statement)) {
            return DATE_TIME.format(instant(statement, row).atZone(row.zone()));
        }
        Matcher m = STATEMENT.matcher(statement);
        if (!m.matches()) {
            throw new IllegalStateException("unchecked statement " + statement);
        }
        EloquaContact contact = row.scored().contact();
        EloquaLeadScore score = row.scored().score();
        if (m.group(1).equals("Id")) {
            return Long.toString(contact.id());
        }
        if (m.group(2) != null) {
            String value = contact.get(store.schema().byInternalName(m.group(2)).orElseThrow().key());
            return value == null ? "" : value;
        }
        if (score == null) {
            return "";
        }
        return switch (m.group(4)) {
            case "Rating" -> score.rating();
            case "ProfileScore" -> Integer.toString(score.profileScore());
            default -> Integer.toString(score.engagementScore());
        };
    }

    private static int compareValues(String a, String b) {
        try {
            return new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b));
        } catch (NumberFormatException e) {
            return a.compareToIgnoreCase(b);
        }
    }

    private static boolean compare(int comparison, String op) {
        return switch (op) {
            case "=" -> comparison == 0;
            case "!=" -> comparison != 0;
            case ">" -> comparison > 0;
            case "<" -> comparison < 0;
            case ">=" -> comparison >= 0;
            default -> comparison <= 0;
        };
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw EloquaFault.bulk(400, name, "Must be a whole number from " + min + " to " + max + ".", value);
    }

    private static ObjectNode list(List<? extends JsonNode> items, int offset, int limit, int total) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode array = node.putArray("items");
        items.forEach(array::add);
        node.put("totalResults", total);
        node.put("limit", limit);
        node.put("offset", offset);
        node.put("count", items.size());
        node.put("hasMore", offset + items.size() < total);
        return node;
    }

    private static ObjectNode list(ArrayNode items, int offset, int limit, int total) {
        List<JsonNode> all = new ArrayList<>();
        items.forEach(all::add);
        return list(all, offset, limit, total);
    }
}
