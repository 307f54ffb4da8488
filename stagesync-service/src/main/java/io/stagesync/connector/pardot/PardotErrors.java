package io.stagesync.connector.pardot;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.http.HttpFailures;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Account Engagement's error classifier: turns a v5 error response ({@code {"code": n, "message":
 * "…"}}), a Salesforce OAuth error or a transport failure into a {@link PardotCallException} or
 * {@link SystemCallException} with the remote facts, and decides retriable vs permanent.
 *
 * <p>Retriable: HTTP 429; 5xx; the codes {@value #CONCURRENCY_LIMIT} (more than 5 concurrent
 * requests), {@value #DAILY_LIMIT} (daily API calls of the business unit used up: clears only as
 * the day rolls over), {@value #PER_MINUTE_LIMIT} (per-minute limit), {@value #INTERNAL_ERROR}
 * (internal error) and {@value #REQUEST_TIMED_OUT} (request timed out), whatever the status; no
 * response at all (an {@link IOException}). Permanent: every other 4xx, including the auth
 * errors (401, {@value #INVALID_TOKEN}: the client gets a new token once before it reports them)
 * and the business unit errors (181, 182, 201).
 *
 * <p>{@code Retry-After} in seconds or as an HTTP date becomes
 * {@link SystemCallException#retryAfter()} of a retriable failure; a per-minute limit without one
 * asks for {@link #PER_MINUTE_WAIT}. Stateless and thread-safe.
 */
public final class PardotErrors {
    /** Longest body excerpt kept in an exception. */
    public static final int MAX_EXCERPT = 500;
    /** Too many concurrent requests (Account Engagement allows 5 per business unit). */
    public static final int CONCURRENCY_LIMIT = 66;
    /** The business unit's daily API request limit is exceeded. */
    public static final int DAILY_LIMIT = 122;
    /** Internal error: retry. */
    public static final int INTERNAL_ERROR = 183;
    /** The access token is invalid, expired or malformed (or lacks the {@code pardot_api} scope). */
    public static final int INVALID_TOKEN = 184;
    /** The per-minute API rate limit is reached. */
    public static final int PER_MINUTE_LIMIT = 202;
    /** The query's page token expired (after 4 hours). */
    public static final int PAGE_TOKEN_EXPIRED = 210;
    /** The query's page token is invalid. */
    public static final int PAGE_TOKEN_INVALID = 211;
    /** The request timed out: retry. */
    public static final int REQUEST_TIMED_OUT = 214;
    /** The wait asked for after a per-minute limit error that came without {@code Retry-After}. */
    public static final Duration PER_MINUTE_WAIT = Duration.ofSeconds(60);

    /** Missing or invalid {@code Pardot-Business-Unit-Id}, or a business unit not found on this host. */
    static final Set<Integer> BUSINESS_UNIT_CODES = Set.of(181, 182, 201);
    private static final Set<Integer> RETRIABLE_CODES = Set.of(CONCURRENCY_LIMIT, DAILY_LIMIT, INTERNAL_ERROR,
            PER_MINUTE_LIMIT, REQUEST_TIMED_OUT);

    static final String CONCURRENCY_ADVICE = "too many concurrent requests for the business unit (Account Engagement"
            + " allows 5, shared by every integration); retry once calls in flight have finished";
    static final String DAILY_LIMIT_ADVICE = "the business unit's daily API request limit is used up; it clears only"
            + " as the day rolls over, so retries before then fail the same way (Account Engagement Settings > Usage"
            + " and Limits shows the quota)";
    static final String PER_MINUTE_ADVICE = "the per-minute API rate limit is reached; retry after a minute";
    static final String AUTH_ADVICE = "Account Engagement refused the Salesforce access token even after a new one"
            + " was issued. Check that the connected app has the pardot_api OAuth scope, that the integration user is"
            + " a Salesforce user synced to the Account Engagement business unit with API access, and "
            + PardotSettings.KEY_BUSINESS_UNIT_ID;
    static final String BUSINESS_UNIT_ADVICE = "Account Engagement does not accept the business unit: check "
            + PardotSettings.KEY_BUSINESS_UNIT_ID + " (18 characters starting 0Uv, Setup > Account Engagement >"
            + " Business Unit Setup) and " + PardotSettings.KEY_BASE_URL + " (production " + PardotSettings.DEFAULT_BASE_URL
            + ", developer, demo and sandbox business units " + PardotSettings.DEMO_BASE_URL + ")";

    private PardotErrors() {
    }

    /**
     * The exception for a v5 error response.
     *
     * @param operation  names the call
     * @param status     the HTTP status (a non-2xx)
     * @param body       the response body, possibly empty or not JSON
     * @param retryAfter the {@code Retry-After} header, or null
     * @param clock      the time an HTTP-date {@code Retry-After} is measured from
     */
    public static PardotCallException fromResponse(String operation, int status, String body, String retryAfter,
                                                   Clock clock) {
        JsonNode root = HttpFailures.jsonOrNull(body);
        Integer code = code(root);
        String vendorMessage = root == null ? null : text(root, "message");
        String advice = advice(status, code);
        String message = advice == null ? vendorMessage
                : advice + (vendorMessage == null ? "" : ". Pardot said: " + vendorMessage);
        boolean retriable = isRetriable(status, code);
        Duration wait = retriable ? retryAfter(retryAfter, clock) : null;
        if (retriable && wait == null && code != null && code == PER_MINUTE_LIMIT) {
            wait = PER_MINUTE_WAIT;
        }
        return new PardotCallException(operation, status, code == null ? null : code.toString(), vendorMessage, message,
                excerpt(body), retriable, wait);
    }

    /**
     * The exception for an error answer of Salesforce's token endpoint
     * ({@code {"error": "…", "error_description": "…"}}).
     *
     * @param advice what to check when the refusal is permanent (the credentials of the flow in use)
     */
    public static PardotCallException fromTokenResponse(String operation, int status, String body, String retryAfter,
                                                        String advice, Clock clock) {
        JsonNode root = HttpFailures.jsonOrNull(body);
        String error = root == null ? null : text(root, "error");
        String description = root == null ? null : text(root, "error_description");
        String said = error == null ? null : error + (description == null ? "" : ": " + description);
        boolean retriable = status == 429 || status >= 500;
        String message = retriable ? "Salesforce's token endpoint is unavailable" + (said == null ? "" : " (" + said + ")")
                : advice + (said == null ? "" : ". Salesforce said: " + said);
        return new PardotCallException(operation, status, error, description, message, excerpt(body), retriable,
                retriable ? retryAfter(retryAfter, clock) : null);
    }

    /** Whether a response with this status and v5 code (nullable) is worth retrying. */
    public static boolean isRetriable(int status, Integer code) {
        if (code != null && RETRIABLE_CODES.contains(code)) {
            return true;
        }
        return status == 429 || status >= 500;
    }

    /**
     * Whether the response says the access token is not (or no longer) good: HTTP 401 or code
     * {@value #INVALID_TOKEN}, unless the code blames the business unit, which a new token cannot fix.
     */
    public static boolean isAuthFailure(int status, Integer code) {
        if (code != null && BUSINESS_UNIT_CODES.contains(code)) {
            return false;
        }
        return status == 401 || code != null && code == INVALID_TOKEN;
    }

    /** The numeric {@code code} of a v5 error body, or null when the body has none. */
    public static Integer code(String body) {
        return code(HttpFailures.jsonOrNull(body));
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
        return HttpFailures.transportFailure(PardotHttp.SYSTEM, operation, failure);
    }

    /** At most {@link #MAX_EXCERPT} characters of the body, or null when it is empty. */
    static String excerpt(String body) {
        return HttpFailures.excerpt(body, MAX_EXCERPT);
    }

    /**
     * Whether an error with this status and code (nullable) is about the request itself, rather than about limits,
     * the token or the business unit (which have their own advice).
     */
    static boolean isAboutTheRequest(int status, Integer code) {
        return advice(status, code) == null;
    }

    private static String advice(int status, Integer code) {
        if (code != null) {
            if (code == CONCURRENCY_LIMIT) {
                return CONCURRENCY_ADVICE;
            }
            if (code == DAILY_LIMIT) {
                return DAILY_LIMIT_ADVICE;
            }
            if (code == PER_MINUTE_LIMIT) {
                return PER_MINUTE_ADVICE;
            }
            if (BUSINESS_UNIT_CODES.contains(code)) {
                return BUSINESS_UNIT_ADVICE;
            }
        }
        return isAuthFailure(status, code) ? AUTH_ADVICE : null;
    }

    private static Integer code(JsonNode root) {
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode code = root.get("code");
        if (code == null || !(code.isInt() || code.isTextual() && code.asText().matches("[0-9]{1,9}"))) {
            return null;
        }
        return code.asInt();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
