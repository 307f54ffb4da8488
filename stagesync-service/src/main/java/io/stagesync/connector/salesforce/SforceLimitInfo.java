package io.stagesync.connector.salesforce;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Salesforce's {@code Sforce-Limit-Info} response header: {@code api-usage=18/15000} (used/allowed for the
 * org's rolling 24 h), possibly with further comma-separated parts such as {@code api-bursts=1/750} or the older
 * {@code per-app-api-usage=17/250(appName=…)}, which are ignored. Stateless.
 */
final class SforceLimitInfo {
    static final String HEADER = "Sforce-Limit-Info";
    private static final Pattern API_USAGE = Pattern.compile("(?:^|[,;\\s])api-usage=(\\d{1,18})/(\\d{1,18})");

    private SforceLimitInfo() {
    }

    /** The org's {@code [used, allowed]}, or empty when the header is absent or has no {@code api-usage} part. */
    static Optional<long[]> apiUsage(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = API_USAGE.matcher(header.trim());
        if (!m.find()) {
            return Optional.empty();
        }
        long allowed = Long.parseLong(m.group(2));
        return allowed < 1 ? Optional.empty() : Optional.of(new long[] {Long.parseLong(m.group(1)), allowed});
    }
}
