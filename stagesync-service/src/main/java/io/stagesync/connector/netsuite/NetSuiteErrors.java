package io.stagesync.connector.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.http.HttpFailures;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * NetSuite's error classifier: turns an error response or a transport failure into a
 * {@link SystemCallException} carrying the remote facts, and decides retriable vs permanent.
 *
 * <p>Retriable: HTTP 429; 5xx; any {@code o:errorCode} {@code CONCURRENCY_LIMIT_EXCEEDED} or
 * ending in {@code REQUEST_LIMIT_EXCEEDED} (e.g. {@code SSS_REQUEST_LIMIT_EXCEEDED} with 400);
 * no response at all (an {@link IOException}: refused, reset, timed out). Permanent: every other
 * 4xx, including 401. {@code Retry-After} in seconds or as an HTTP date becomes
 * {@link SystemCallException#retryAfter()}. Stateless and thread-safe.
 */
public final class NetSuiteErrors {
    /** Longest body excerpt kept in an exception. */
    public static final int MAX_EXCERPT = 500;

    static final String CONCURRENCY_LIMIT_EXCEEDED = "CONCURRENCY_LIMIT_EXCEEDED";
    private static final String REQUEST_LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";

    static final String TBA_UNAUTHORIZED = "NetSuite refused the token-based authentication. Check the consumer key"
            + " and secret (integration record), the token id and secret (access token), that the token's role"
            + " has the REST Web Services and Log in using Access Tokens permissions, the account id (realm), and"
            + " this machine's clock; the Login Audit Trail (Setup > Users/Roles > View Login Audit Trail) shows"
            + " NetSuite's actual reason";
    static final String OAUTH2_UNAUTHORIZED = "NetSuite refused the OAuth 2.0 access token even after a new one was"
            + " issued. Check the M2M setup mapping (certificate, integration, entity, role) and the role's REST Web"
            + " Services permission; the Login Audit Trail shows NetSuite's actual reason";

    private NetSuiteErrors() {
    }

    /**
     * The exception for an error response.
     *
     * @param operation  names the call
     * @param status     the HTTP status (a non-2xx)
     * @param body       the response body, possibly empty or not JSON
     * @param retryAfter the {@code Retry-After} header, or null
     * @param authType   how the client authenticates: decides the advice given for a 401; null
     *                   for none (the token endpoint's own errors)
     * @param clock      the time an HTTP-date {@code Retry-After} is measured from
     */
    public static NetSuiteCallException fromResponse(String operation, int status, String body, String retryAfter,
                                                     NetSuiteSettings.AuthType authType, Clock clock) {
        List<NetSuiteCallException.ErrorDetail> details = new ArrayList<>();
        String title = null;
        String oauthError = null;
        String oauthDescription = null;
        JsonNode root = HttpFailures.jsonOrNull(body);
        if (root != null && root.isObject()) {
            title = text(root, "title");
            for (JsonNode d : root.path("o:errorDetails")) {
                details.add(new NetSuiteCallException.ErrorDetail(text(d, "detail"), text(d, "o:errorCode"),
                        text(d, "o:errorPath")));
            }
            oauthError = text(root, "error");
            oauthDescription = text(root, "error_description");
        }
        List<String> codes = details.stream().map(NetSuiteCallException.ErrorDetail::errorCode)
                .filter(c -> c != null && !c.isBlank()).toList();
        String vendorCode = codes.isEmpty() ? oauthError : codes.get(0);
        String message = details.isEmpty()
                ? (oauthDescription != null ? oauthDescription : title)
                : String.join("; ", details.stream().map(NetSuiteCallException.ErrorDetail::describe).toList());
        if (status == 401 && authType != null) {
            String advice = authType == NetSuiteSettings.AuthType.TBA ? TBA_UNAUTHORIZED : OAUTH2_UNAUTHORIZED;
            message = advice + (message == null ? "" : ". NetSuite said: " + message);
        }
        boolean retriable = isRetriable(status, codes);
        return new NetSuiteCallException(operation, status, vendorCode, message, excerpt(body), retriable,
                retriable ? retryAfter(retryAfter, clock) : null, details);
    }

    /** Whether a response with this status and these {@code o:errorCode}s is worth retrying. */
    public static boolean isRetriable(int status, List<String> errorCodes) {
        if (status == 429 || status >= 500) {
            return true;
        }
        return errorCodes.stream().anyMatch(c -> c.equals(CONCURRENCY_LIMIT_EXCEEDED) || c.endsWith(REQUEST_LIMIT_EXCEEDED));
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
        return HttpFailures.transportFailure(NetSuiteHttp.SYSTEM, operation, failure);
    }

    /** At most {@link #MAX_EXCERPT} characters of the body, or null when it is empty. */
    static String excerpt(String body) {
        return HttpFailures.excerpt(body, MAX_EXCERPT);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
