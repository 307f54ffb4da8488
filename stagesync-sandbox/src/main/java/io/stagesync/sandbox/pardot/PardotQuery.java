package io.stagesync.sandbox.pardot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The v5 query of a collection (saas-apis.md §3.2): {@code fields} (required), {@code limit} (default
 * 200, at most 1000), typed filters on up to three fields, {@code orderBy} and page tokens.
 *
 * <p>Filters: an id field takes {@code id}, {@code idGreaterThan}, {@code idGreaterThanOrEqualTo},
 * {@code idLessThan}, {@code idLessThanOrEqualTo}; a date-time field ({@code createdAt},
 * {@code updatedAt}) the suffixes {@code After}, {@code AfterOrEqualTo}, {@code Before},
 * {@code BeforeOrEqualTo} with an ISO 8601 value with an offset; a text field only equality
 * (case-insensitive). {@code orderBy} is a comma list of sortable fields, each optionally followed
 * by {@code asc} or {@code desc} (VERIFY: v5's exact syntax); ties are always broken by ascending id.
 * {@code deleted=true} returns nothing (the simulator keeps no recycle bin).
 *
 * <p>Paging is by key, not by offset: a page token remembers the query and the last row handed
 * out, and the next page holds the rows that sort after that row <em>now</em>, so a record changed
 * while a client pages moves behind the cursor instead of shifting or repeating rows. With a token
 * only {@code fields} may be sent (else 13); an unknown token is 211, one older than four hours 210.
 * Not thread-safe: the simulator calls it under its own lock.
 */
final class PardotQuery {
    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 1000;
    static final int MAX_FILTERED_FIELDS = 3;
    static final Duration TOKEN_LIFETIME = Duration.ofHours(4);
    private static final int MAX_TOKENS = 10_000;

    /** How a field can be filtered. */
    enum FilterType { ID, DATETIME, TEXT }

    /**
     * What a collection allows.
     *
     * @param path       e.g. {@code /api/v5/objects/prospects}
     * @param filterable filterable fields and their type
     * @param sortable   fields {@code orderBy} accepts
     * @param readable   the fields {@code fields=} accepts
     */
    record Collection(String path, Map<String, FilterType> filterable, Set<String> sortable, Predicate<String> readable) {
    }

    /** One page: the fields asked for, the rows (typed values by field name), the token of the next page or null. */
    record Page(List<String> fields, List<Map<String, Object>> rows, String nextPageToken) {
    }

    private record Continuation(String path, List<Predicate<Map<String, Object>>> filters,
                                Comparator<Map<String, Object>> order, int limit, Map<String, Object> last,
                                Instant issuedAt) {
    }

    private final Clock clock;
    private final Map<String, Continuation> tokens = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Continuation> eldest) {
            return size() > MAX_TOKENS;
        }
    };

    PardotQuery(Clock clock) {
        this.clock = clock;
    }

    /**
     * Runs a query request over the collection's rows (any order; each row maps field names,
     * including {@code id}, to typed values).
     *
     * @throws PardotFault for a missing or bad parameter, field, filter or token
     */
    Page run(Collection collection, Map<String, String> params, List<Map<String, Object>> rows) {
        List<String> fields = fields(collection, params.get("fields"));
        if (params.containsKey("nextPageToken")) {
            if (!params.keySet().equals(Set.of("fields", "nextPageToken"))) {
                throw PardotFault.badRequest(13, "Only fields may be sent with nextPageToken; got " + params.keySet());
            }
            String token = params.get("nextPageToken");
            Continuation next = tokens.remove(token);
            if (next == null || !next.path().equals(collection.path())) {
                throw PardotFault.badRequest(211, "Page token is invalid.");
            }
            if (clock.instant().isAfter(next.issuedAt().plus(TOKEN_LIFETIME))) {
                throw PardotFault.badRequest(210, "Page token has expired.");
            }
            return page(collection.path(), fields, rows, next.filters(), next.order(), next.limit(), next.last());
        }
        int limit = DEFAULT_LIMIT;
        List<Predicate<Map<String, Object>>> filters = new ArrayList<>();
        Set<String> filtered = new HashSet<>();
        Comparator<Map<String, Object>> order = null;
        for (Map.Entry<String, String> param : params.entrySet()) {
            String name = param.getKey();
            String value = param.getValue();
            switch (name) {
                case "fields" -> {
                }
                case "limit" -> limit = limit(value);
                case "orderBy" -> order = order(collection, value);
                case "deleted" -> {
                    if (value.equals("true")) {
                        filters.add(row -> false);
                    } else if (!value.equals("false") && !value.equals("all")) {
                        throw PardotFault.badRequest(50, "Invalid boolean: deleted must be true, false or all; got " + value);
                    }
                }
                default -> filters.add(filter(collection, name, value, filtered));
            }
        }
        if (filtered.size() > MAX_FILTERED_FIELDS) {
            throw PardotFault.badRequest(209, "Too many fields have filters: The max number of 3 distinct fields with"
                    + " filters was exceeded for this query: " + filtered);
        }
        Comparator<Map<String, Object>> byId = Comparator.comparing(row -> (Long) row.get("id"));
        order = order == null ? byId : order.thenComparing(byId);
        return page(collection.path(), fields, rows, List.copyOf(filters), order, limit, null);
    }

    private Page page(String path, List<String> fields, List<Map<String, Object>> rows,
                      List<Predicate<Map<String, Object>>> filters, Comparator<Map<String, Object>> order, int limit,
                      Map<String, Object> after) {
        List<Map<String, Object>> matching = rows.stream()
                .filter(row -> filters.stream().allMatch(f -> f.test(row)))
                .filter(row -> after == null || order.compare(row, after) > 0)
                .sorted(order).toList();
        List<Map<String, Object>> page = matching.subList(0, Math.min(limit, matching.size()));
        String token = null;
        if (matching.size() > limit) {
            token = UUID.randomUUID().toString().replace("-", "");
            tokens.put(token, new Continuation(path, filters, order, limit, page.get(page.size() - 1), clock.instant()));
        }
        return new Page(fields, List.copyOf(page), token);
    }

    private static List<String> fields(Collection collection, String value) {
        if (value == null || value.isBlank()) {
            throw PardotFault.badRequest(13, "One or more required parameters are missing: fields");
        }
        List<String> fields = Arrays.stream(value.split(",")).map(String::trim).toList();
        List<String> invalid = fields.stream().filter(f -> !collection.readable().test(f)).toList();
        if (!invalid.isEmpty()) {
            throw PardotFault.badRequest(PardotProspectFields.INVALID_FIELDS,
                    "One or more of the specified fields are invalid: " + String.join(", ", invalid));
        }
        return fields;
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw PardotFault.badRequest(23, "Invalid value specified for limit: " + value + " (1 to " + MAX_LIMIT + ")");
    }

    private static Comparator<Map<String, Object>> order(Collection collection, String value) {
        Comparator<Map<String, Object>> order = null;
        for (String part : value.split(",")) {
            String[] words = part.trim().split("\\s+");
            String field = words[0];
            boolean descending = words.length == 2 && words[1].equalsIgnoreCase("desc");
            boolean valid = collection.sortable().contains(field)
                    && (words.length == 1 || words.length == 2 && (descending || words[1].equalsIgnoreCase("asc")));
            if (!valid) {
                throw PardotFault.badRequest(19, "Invalid value specified for orderBy: " + part.trim() + " (sortable: "
                        + collection.sortable() + ")");
            }
            Comparator<Map<String, Object>> one = Comparator.comparing(row -> comparable(row.get(field)),
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            one = descending ? one.reversed() : one;
            order = order == null ? one : order.thenComparing(one);
        }
        return order;
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> comparable(Object value) {
        return value instanceof String s ? (Comparable<Object>) (Object) s.toLowerCase(Locale.ROOT) : (Comparable<Object>) value;
    }

    private static Predicate<Map<String, Object>> filter(Collection collection, String param, String value,
                                                         Set<String> filtered) {
        for (Map.Entry<String, FilterType> field : collection.filterable().entrySet()) {
            String name = field.getKey();
            if (!param.startsWith(name)) {
                continue;
            }
            String suffix = param.substring(name.length());
            Predicate<Map<String, Object>> predicate = switch (field.getValue()) {
                case ID -> idFilter(name, suffix, value);
                case DATETIME -> timeFilter(name, suffix, value);
                case TEXT -> suffix.isEmpty() ? row -> value.equalsIgnoreCase((String) row.get(name)) : null;
            };
            if (predicate != null) {
                filtered.add(name);
                return predicate;
            }
        }
        throw PardotFault.badRequest(5, "Invalid query parameters: " + param);
    }

    private static Predicate<Map<String, Object>> idFilter(String name, String suffix, String value) {
        long bound;
        try {
            bound = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw PardotFault.badRequest(16, "Invalid ID: " + name + suffix + "=" + value);
        }
        return switch (suffix) {
            case "" -> row -> row.get(name) != null && (Long) row.get(name) == bound;
            case "GreaterThan" -> row -> row.get(name) != null && (Long) row.get(name) > bound;
            case "GreaterThanOrEqualTo" -> row -> row.get(name) != null && (Long) row.get(name) >= bound;
            case "LessThan" -> row -> row.get(name) != null && (Long) row.get(name) < bound;
            case "LessThanOrEqualTo" -> row -> row.get(name) != null && (Long) row.get(name) <= bound;
            default -> null;
        };
    }

    private static Predicate<Map<String, Object>> timeFilter(String name, String suffix, String value) {
        Instant bound;
        try {
            bound = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw PardotFault.badRequest(7, "Invalid timestamp: " + name + suffix + "=" + value
                    + " (ISO 8601 with an offset, e.g. 2024-05-01T10:00:00-04:00)");
        }
        return switch (suffix) {
            case "" -> row -> bound.equals(row.get(name));
            case "After" -> row -> row.get(name) != null && ((Instant) row.get(name)).isAfter(bound);
            case "AfterOrEqualTo" -> row -> row.get(name) != null && !((Instant) row.get(name)).isBefore(bound);
            case "Before" -> row -> row.get(name) != null && ((Instant) row.get(name)).isBefore(bound);
            case "BeforeOrEqualTo" -> row -> row.get(name) != null && !((Instant) row.get(name)).isAfter(bound);
            default -> null;
        };
    }
}
