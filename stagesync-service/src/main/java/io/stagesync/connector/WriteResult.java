package io.stagesync.connector;

import java.util.Objects;

/**
 * The outcome of writing one record.
 *
 * @param key       the request's key
 * @param success   whether the system stored it
 * @param id        the system's id of the record when known (null on failure or when the API does not say)
 * @param created   true when the write created the record
 * @param errorCode the vendor's error code on failure (e.g. {@code FIELD_CUSTOM_VALIDATION_EXCEPTION}), else null
 * @param message   the vendor's message on failure, else null
 */
public record WriteResult(String key, boolean success, String id, boolean created, String errorCode, String message) {
    public WriteResult {
        Objects.requireNonNull(key, "key");
    }

    public static WriteResult ok(String key, String id, boolean created) {
        return new WriteResult(key, true, id, created, null, null);
    }

    public static WriteResult failed(String key, String errorCode, String message) {
        return new WriteResult(key, false, null, false, errorCode, message);
    }
}
