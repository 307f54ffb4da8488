package io.stagesync.connector.eloqua;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.http.HttpFailures;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Eloqua's error classifier: turns an error response or a transport failure into a
 * {@link SystemCallException} carrying the remote facts, and decides retriable vs permanent.
 *
 * <p>Bodies understood (saas-apis.md §2.6): a JSON list of validation objects
 * ({@code {"type", "property", "requirement": {"type"}, "value", "parameter"}}), an OAuth error
 * object ({@code {"error", "error_description"}}), an object with {@code message}, a bare JSON
 * string (e.g. {@code "Not authenticated."}); anything else is kept only as the excerpt. The
 * vendor code is the first validation error's requirement (else its type) or the OAuth
 * {@code error}.
 *
 * <p>Retriable: HTTP 429 (Eloqua's throttling signal), every 5xx (500/502 server errors, 503
 * unavailable or timed out), and no response at all (an {@link IOException}: refused, reset,
 * timed out). Permanent: every other status, including 401, which the client only reports after
 * it renewed the credentials and retried once. {@code Retry-After} in seconds or as an HTTP date
 * becomes {@link SystemCallException#retryAfter()} (saas-apis.md §2.6: whether Eloqua sends it is
 * VERIFY; it is honoured when present). Stateless and thread-safe.
 */
public final class EloquaErrors {
    /** Longest body excerpt kept in an exception. */
    public static final int MAX_EXCERPT = 500;


    private EloquaErrors() {
    }

    /**
     * The exception for an error response.
     *
     * @param operation         names the call
     * @param status            the HTTP status (a non-2xx)
     * @param body              the response body, possibly empty or not JSON
     * @param retryAfter        the {@code Retry-After} header, or null
     * @param unauthorizedAdvice what to check when the status is 401, or null for none
     * @param clock             the time an HTTP-date {@code Retry-After} is measured from
     */
    public static EloquaCallException fromResponse(String operation, int status, String body, String retryAfter,
                                                   String unauthorizedAdvice, Clock clock) {
        List<EloquaCallException.ValidationError> errors = new ArrayList<>();
        String vendorCode = null;
        String message = null;
        JsonNode root = HttpFailures.jsonOrNull(body);
        if (root != null && root.isArray()) {
            List<String> texts = new ArrayList<>();
            for (JsonNode item : root) {
                if (item.isObject()) {
                    errors.add(new EloquaCallException.ValidationError(text(item, "type"), text(item, "property"),
                            text(item.path("requirement"), "type"), text(item, "parameter")));
                } else if (item.isTextual()) {
                    texts.add(item.asText());
                }
            }
            message = errors.isEmpty() ? (texts.isEmpty() ? null : String.join("; ", texts))
                    : String.join("; ", errors.stream().map(EloquaCallException.ValidationError::describe).toList());
            vendorCode = errors.isEmpty() ? null : errors.get(0).code();
        } else if (root != null && root.isObject()) {
            vendorCode = text(root, "error");
            message = firstNonNull(text(root, "error_description"), text(root, "message"), text(root, "Message"));
            if (vendorCode == null) {
                vendorCode = text(root, "type");
            }
        } else if (root != null && root.isTextual()) {
            message = root.asText();
        }
        if (status == 401 && unauthorizedAdvice != null) {
            message = unauthorizedAdvice + (message == null ? "" : ". Eloqua said: " + message);
        }
        boolean retriable = isRetriable(status);
        return new EloquaCallException(operation, status, vendorCode, message, excerpt(body), retriable,
                retriable ? retryAfter(retryAfter, clock) : null, errors);
    }

    /** Whether a response with this status is worth retrying: 429 and 5xx. */
    public static boolean isRetriable(int status) {
        return status == 429 || status >= 500;
    }

    /**
     * The wait a {@code Retry-After} value asks for: delta-seconds or an HTTP date (RFC 9110
     * §10.2.3); a date in the past is zero.
     *
     * @return the wait, or null when the value is absent or unreadable
     */
    public static Duration retryAfter(String value, Clock clock) {
        return HttpFailures.retryAfter(value, clock);
    }

    /** The exception for a call that got no response; retriable when an I/O failure is in the cause chain. */
    public static SystemCallException fromTransportFailure(String operation, Throwable failure) {
        return HttpFailures.transportFailure(EloquaHttp.SYSTEM, operation, failure);
    }

    /** A permanent failure about a 2xx response the client cannot use (not JSON, a field missing). */
    static SystemCallException unusable(String operation, int status, String problem, String body, Throwable cause) {
        return new SystemCallException(EloquaHttp.SYSTEM, operation, status, null, problem, excerpt(body), false, null,
                cause);
    }

    /** At most {@link #MAX_EXCERPT} characters of the body, or null when it is empty. */
    static String excerpt(String body) {
        return HttpFailures.excerpt(body, MAX_EXCERPT);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
