package io.stagesync.sandbox.eloqua;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Application API list request (saas-apis.md §2.4): {@code depth} ({@code minimal} by default,
 * {@code partial}, {@code complete}), {@code count} (1 to 1000, default 1000), {@code page}
 * (1-based), {@code search}, {@code orderBy} and {@code lastUpdatedAt}, over rows of typed values
 * ({@code id} a {@link Long}, date-times {@link Instant}s, everything else text).
 *
 * <p>{@code search} is one or more terms {@code name op value}, written one after the other, with
 * the operators {@code = != > < >= <=}; a value is in single quotes (or unquoted as the last
 * term), {@code *} is a wildcard for {@code =} and {@code !=}, text compares ignore case. A
 * date-time term takes Unix seconds, {@code yyyy-MM-dd HH:mm:ss} or {@code yyyy-MM-dd} as wall-clock
 * time in the simulator's zone. {@code orderBy} is one term with an optional {@code ASC}/{@code DESC};
 * ties are broken by ascending id, and without {@code orderBy} rows come by id. Stateless.
 */
final class EloquaListQuery {
    static final int MAX_COUNT = 1000;
    private static final Set<String> DEPTHS = Set.of("minimal", "partial", "complete");
    private static final Pattern TERM = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)(>=|<=|!=|=|>|<)(?:'([^']*)'|([^']*)$)");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,12}");

    /** One page: its rows, the page number, the page size asked for, the total matching, and the depth asked for. */
    record Page(List<Map<String, Object>> rows, int page, int pageSize, int total, String depth) {
    }

    private EloquaListQuery() {
    }

    /**
     * @param terms resolves a search or order term to a row key, or null when the term is unknown
     * @param zone  the zone of wall-clock date-times in search values
     * @throws EloquaFault 400 {@code EndpointParameterError} for a bad parameter
     */
    static Page run(Map<String, String> params, List<Map<String, Object>> rows, Function<String, String> terms,
                    ZoneId zone) {
        String depth = params.getOrDefault("depth", "minimal");
        if (!DEPTHS.contains(depth)) {
            throw EloquaFault.parameter("depth", "ContentRequirement", depth);
        }
        int count = number(params, "count", MAX_COUNT, MAX_COUNT);
        int page = number(params, "page", 1, Integer.MAX_VALUE);
        List<Predicate<Map<String, Object>>> filters = new ArrayList<>();
        String search = params.get("search");
        if (search != null && !search.isBlank()) {
            filters.addAll(search(search, terms, zone));
        }
        String lastUpdatedAt = params.get("lastUpdatedAt");
        if (lastUpdatedAt != null) {
            if (!DIGITS.matcher(lastUpdatedAt).matches()) {
                throw EloquaFault.parameter("lastUpdatedAt", "IntegerRequirement", lastUpdatedAt);
            }
            Instant after = Instant.ofEpochSecond(Long.parseLong(lastUpdatedAt));
            filters.add(row -> ((Instant) row.get("updatedAt")).isAfter(after));
        }
        Comparator<Map<String, Object>> order = order(params.get("orderBy"), terms);
        List<Map<String, Object>> matching = rows.stream().filter(r -> filters.stream().allMatch(f -> f.test(r)))
                .sorted(order).toList();
        long from = (long) (page - 1) * count;
        List<Map<String, Object>> pageRows = from >= matching.size() ? List.of()
                : matching.subList((int) from, (int) Math.min(matching.size(), from + count));
        return new Page(pageRows, page, count, matching.size(), depth);
    }

    private static int number(Map<String, String> params, String name, int fallback, int max) {
        String value = params.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw EloquaFault.parameter(name, "IntegerRequirement", value);
    }

    private static Comparator<Map<String, Object>> order(String orderBy, Function<String, String> terms) {
        Comparator<Map<String, Object>> byId = Comparator.comparing(row -> (Long) row.get("id"));
        if (orderBy == null || orderBy.isBlank()) {
            return byId;
        }
        String[] words = orderBy.trim().split("\\s+");
        String key = terms.apply(words[0]);
        boolean descending = words.length == 2 && words[1].equalsIgnoreCase("desc");
        if (key == null || words.length > 2 || words.length == 2 && !descending && !words[1].equalsIgnoreCase("asc")) {
            throw EloquaFault.parameter("orderBy", "ContentRequirement", orderBy);
        }
        Comparator<Map<String, Object>> one = Comparator.comparing(row -> comparable(row.get(key)),
                Comparator.nullsFirst(Comparator.naturalOrder()));
        return (descending ? one.reversed() : one).thenComparing(byId);
    }

    private static List<Predicate<Map<String, Object>>> search(String search, Function<String, String> terms,
                                                               ZoneId zone) {
        List<Predicate<Map<String, Object>>> filters = new ArrayList<>();
        Matcher matcher = TERM.matcher(search);
        int at = 0;
        while (at < search.length()) {
            matcher.region(at, search.length());
            if (!matcher.lookingAt()) {
                throw EloquaFault.parameter("search", "SearchRequirement", search);
            }
            String key = terms.apply(matcher.group(1));
            if (key == null) {
                throw EloquaFault.parameter("search", "SearchRequirement", search);
            }
            String op = matcher.group(2);
            String value = matcher.group(3) != null ? matcher.group(3) : matcher.group(4);
            filters.add(term(key, op, value, zone, search));
            at = matcher.end();
        }
        return filters;
    }

    private static Predicate<Map<String, Object>> term(String key, String op, String value, ZoneId zone, String search) {
        if (key.equals("createdAt") || key.equals("updatedAt")) {
            Instant bound = instant(value, zone, search);
            return row -> compare(((Instant) row.get(key)).compareTo(bound), op);
        }
        if (key.equals("id")) {
            if (!DIGITS.matcher(value).matches()) {
                throw EloquaFault.parameter("search", "IdRequirement", search);
            }
            long bound = Long.parseLong(value);
            return row -> compare(Long.compare((Long) row.get("id"), bound), op);
        }
        if (op.equals("=") || op.equals("!=")) {
            Pattern pattern = Pattern.compile(wildcard(value), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            boolean equal = op.equals("=");
            return row -> pattern.matcher(text(row.get(key))).matches() == equal;
        }
        String bound = value.toLowerCase(Locale.ROOT);
        return row -> compare(text(row.get(key)).toLowerCase(Locale.ROOT).compareTo(bound), op);
    }

    private static String wildcard(String value) {
        StringBuilder regex = new StringBuilder();
        for (String part : value.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return regex.toString();
    }

    private static Instant instant(String value, ZoneId zone, String search) {
        if (DIGITS.matcher(value).matches()) {
            return Instant.ofEpochSecond(Long.parseLong(value));
        }
        try {
            return LocalDateTime.parse(value, DATE_TIME).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException again) {
                throw EloquaFault.parameter("search", "DateRequirement", search);
            }
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

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> comparable(Object value) {
        return value instanceof String s ? (Comparable<Object>) (Object) s.toLowerCase(Locale.ROOT) : (Comparable<Object>) value;
    }
}
