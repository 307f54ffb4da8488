package io.stagesync.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.connector.SystemCallException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The HTTP facts every connector's error classifier reads the same way. Stateless. */
public final class HttpFailures {
    private static final ObjectMapper JSON = io.stagesync.connector.VendorJson.mapper();

    private HttpFailures() {
    }

    /** An error response's body as JSON, or null when it is empty or not JSON (an HTML error page, say). */
    public static JsonNode jsonOrNull(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The wait a {@code Retry-After} value asks for: delta-seconds or an HTTP date (RFC 9110
     * §10.2.3); a date in the past is zero.
     *
     * @return the wait, or null when the value is absent or unreadable
     */
    public static Duration retryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            Duration wait = Duration.between(clock.instant(),
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The exception for a call that got no response; retriable when an I/O failure is in the cause chain. */
    public static SystemCallException transportFailure(String system, String operation, Throwable failure) {
        boolean io = false;
        for (Throwable t = failure; t != null && !io; t = t.getCause()) {
            io = t instanceof IOException;
        }
        String message = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return new SystemCallException(system, operation, 0, null,
                io ? "no response (" + message + ")" : "request failed (" + message + ")", null, io, null, failure);
    }

    /** At most {@code max} characters of a body, or null when it is empty. */
    public static String excerpt(String body, int max) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        return body.length() <= max ? body : body.substring(0, max);
    }
}
