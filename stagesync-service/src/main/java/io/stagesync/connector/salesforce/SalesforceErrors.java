package io.stagesync.connector.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.connector.SystemCallException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.eclipse.jetty.client.HttpResponseException;

/**
 * Turns Salesforce failures into {@link SystemCallException}s (system {@value #SYSTEM}) carrying the remote
 * facts, and decides whether trying again later may succeed. Stateless and thread-safe.
 *
 * <p>Retriable: HTTP 5xx (503 included), 429, {@code UNABLE_TO_LOCK_ROW}, {@code REQUEST_LIMIT_EXCEEDED}
 * (403; the daily allocation only clears as the rolling 24 h usage drops, Salesforce sends no
 * {@code Retry-After}, and the message says so), and failures without a response (connection refused or
 * reset, timeouts, an answer Jetty cannot parse, a success whose body breaks off). Everything else is permanent: validation and DML errors, {@code INVALID_FIELD},
 * {@code MALFORMED_QUERY}, {@code INVALID_TYPE}, missing permissions, not found, OAuth errors such as
 * {@code invalid_grant}, and a 401 that is left after the component's own re-login and resend.
 *
 * <p>Sources of the shapes: top-level REST errors are a JSON array of {@code {message, errorCode, fields}};
 * OAuth token errors are {@code {error, error_description}} (saas-apis.md §1.2, §1.8).
 */
public final class SalesforceErrors {

    /** The system name in every exception made here. */
    public static final String SYSTEM = "salesforce";

    static final int EXCERPT_LIMIT = 500;
    private static final Set<String> RETRIABLE_CODES = Set.of("UNABLE_TO_LOCK_ROW", "REQUEST_LIMIT_EXCEEDED",
            "SERVER_UNAVAILABLE", "UNKNOWN_EXCEPTION");
    private static final ObjectMapper JSON = io.stagesync.connector.VendorJson.mapper();

    private SalesforceErrors() {
    }

    /**
     * Classifies what a camel-salesforce call threw or left on its exchange. Looks through wrappers
     * ({@code CamelExecutionException}, {@code RuntimeCamelException}) for a {@link SalesforceException}; a
     * {@link SystemCallException} is returned as it is.
     *
     * @param operation names the call, e.g. {@code query Lead}
     * @param failure   non-null
     */
    public static SystemCallException classify(String operation, Throwable failure) {
        return classify(operation, failure, null);
    }

    /**
     * As {@link #classify(String, Throwable)}, for a call whose response asked to wait before retrying. The
     * component drops response headers from its failures, so the caller passes the wait it captured itself.
     *
     * @param retryAfter nullable: the response's {@code Retry-After}; kept only on a retriable failure
     */
    public static SystemCallException classify(String operation, Throwable failure, Duration retryAfter) {
        if (failure instanceof SystemCallException already) {
            return already;
        }
        SalesforceException salesforce = find(failure, SalesforceException.class);
        if (salesforce == null) {
            boolean noResponse = isConnectionFailure(failure);
            return new SystemCallException(SYSTEM, operation, 0, null,
                    noResponse ? "no response (" + rootMessage(failure) + ")" : rootMessage(failure),
                    null, noResponse, null, failure);
        }
        int status = salesforce.getStatusCode();
        RestError error = firstError(salesforce);
        String body = excerpt(bodyOf(salesforce));
        if (status == 0 && error == null) {
            boolean noResponse = isConnectionFailure(salesforce);
            return new SystemCallException(SYSTEM, operation, 0, null,
                    (noResponse ? "no response: " : "") + rootMessage(salesforce), body, noResponse, null, failure);
        }
        if (status / 100 == 2 && error == null && isConnectionFailure(salesforce)) {
            // the status line came, then the connection broke or timed out while the body was read
            return new SystemCallException(SYSTEM, operation, 0, null, "no complete response: HTTP " + status
                    + " began, then " + rootMessage(salesforce), null, true, null, failure);
        }
        String code = error == null ? null : error.getErrorCode();
        String message = error == null ? firstLine(salesforce.getMessage()) : error.getMessage();
        return decide(operation, status, code, message, body, retryAfter, failure);
    }

    /**
     * Classifies a raw Salesforce error response (REST error array or OAuth error object, or anything else).
     *
     * @param operation  names the call
     * @param status     the HTTP status, or 0 when no response came
     * @param body       nullable response body
     * @param retryAfter nullable: the wait the response asked for ({@code Retry-After}), if it did
     */
    public static SystemCallException fromResponse(String operation, int status, String body, Duration retryAfter) {
        String code = null;
        String message = null;
        if (body != null && !body.isBlank()) {
            try {
                JsonNode node = JSON.readTree(body);
                JsonNode first = node.isArray() && !node.isEmpty() ? node.get(0) : node;
                if (first != null && first.isObject()) {
                    code = text(first, "errorCode", "statusCode", "error");
                    message = text(first, "message", "error_description");
                }
            } catch (IOException e) {
                message = firstLine(body);
            }
        }
        return decide(operation, status, code, message, excerpt(body), retryAfter, null);
    }

    private static SystemCallException decide(String operation, int status, String code, String message,
                                              String body, Duration retryAfter, Throwable cause) {
        String upper = code == null ? "" : code.toUpperCase(Locale.ROOT);
        boolean retriable = status >= 500 || status == 429 || status == 0 || RETRIABLE_CODES.contains(upper);
        String text = message;
        if (status == 401) {
            text = "session still invalid after the component's one re-login and resend"
                    + (message == null ? "" : " (" + message + ")");
        } else if (upper.equals("REQUEST_LIMIT_EXCEEDED")) {
            text = message != null && message.contains("ConcurrentRequests")
                    ? "concurrent long-running request limit reached; it clears as running requests finish ("
                            + message + ")"
                    : "org API request limit reached (rolling 24 h allocation): it does not clear within minutes,"
                            + " only as usage drops below the allocation; "
                            + (retryAfter == null ? "no Retry-After is given" : "Retry-After asked for "
                            + retryAfter.toSeconds() + " s") + " (" + message + ")";
        }
        return new SystemCallException(SYSTEM, operation, status, code, text, body, retriable,
                retriable ? retryAfter : null, cause);
    }

    private static RestError firstError(SalesforceException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SalesforceException s) {
                List<RestError> errors = s.getErrors();
                if (!errors.isEmpty()) {
                    return errors.get(0);
                }
            }
        }
        return null;
    }

    /** The response body the exception kept, else its errors as JSON, else null. */
    private static String bodyOf(SalesforceException e) {
        InputStream content = e.getResponseContent();
        if (content != null) {
            try {
                if (content.markSupported()) {
                    content.reset();
                }
                String body = new String(content.readAllBytes(), StandardCharsets.UTF_8);
                if (content.markSupported()) {
                    content.reset();
                }
                if (!body.isEmpty()) {
                    return body;
                }
            } catch (IOException ignored) {
                // fall back to the parsed errors
            }
        }
        if (!e.getErrors().isEmpty()) {
            try {
                return JSON.writeValueAsString(e.getErrors().stream()
                        .map(r -> new ErrorView(r.getMessage(), r.getErrorCode(), r.getFields())).toList());
            } catch (IOException ignored) {
                return null;
            }
        }
        return null;
    }

    private record ErrorView(String message, String errorCode, List<String> fields) {
    }

    static String excerpt(String body) {
        if (body == null) {
            return null;
        }
        return body.length() <= EXCERPT_LIMIT ? body : body.substring(0, EXCERPT_LIMIT - 1) + "…";
    }

    private static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof JacksonException) {
                return false; // a response came, but not one we could read
            }
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof HttpResponseException) {
                return true; // HttpResponseException: Jetty could not parse what the other end sent (a broken answer)
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message));
    }

    private static String firstLine(String text) {
        if (text == null) {
            return null;
        }
        int newline = text.indexOf('\n');
        return excerpt(newline < 0 ? text : text.substring(0, newline));
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isTextual()) {
                return value.asText();
            }
        }
        return null;
    }
}
