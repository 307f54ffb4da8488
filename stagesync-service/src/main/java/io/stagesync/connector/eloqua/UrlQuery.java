package io.stagesync.connector.eloqua;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds percent-encoded query strings (RFC 3986: space as {@code %20}, unreserved characters kept). */
final class UrlQuery {
    private UrlQuery() {
    }

    /**
     * {@code k1=v1&k2=v2…} with every name and value encoded; pairs whose value is null are left out.
     *
     * @param namesAndValues name, value, name, value, …
     * @return the query without {@code ?}, or null when no pair is left
     */
    static String of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value != null) {
                pairs.add(encode(namesAndValues[i].toString()) + "=" + encode(value.toString()));
            }
        }
        return pairs.isEmpty() ? null : String.join("&", pairs);
    }

    /** RFC 3986 encoding via the JDK's form encoder, corrected for the three characters where they differ. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
