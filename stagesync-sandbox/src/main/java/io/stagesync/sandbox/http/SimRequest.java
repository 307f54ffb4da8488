package io.stagesync.sandbox.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * One HTTP request as a simulator sees it: method, decoded path, decoded query parameters (first value of
 * each), headers (lower-case names, first value) and the body as text.
 */
public record SimRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
        String body, List<String> pathGroups) {

    /** The named query parameter, or null. */
    public String param(String name) {
        return query.get(name);
    }

    /** The header (any case), or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The n-th capture group (1-based) of the route's path pattern. */
    public String group(int n) {
        return pathGroups.get(n - 1);
    }

    SimRequest withGroups(Matcher matcher) {
        List<String> groups = new java.util.ArrayList<>();
        for (int i = 1; i <= matcher.groupCount(); i++) {
            groups.add(matcher.group(i));
        }
        return new SimRequest(method, path, query, headers, body, List.copyOf(groups));
    }

    /** Parses a raw query string ({@code a=1&b=x%20y}); later duplicates are ignored. */
    public static Map<String, String> parseQuery(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }
}
