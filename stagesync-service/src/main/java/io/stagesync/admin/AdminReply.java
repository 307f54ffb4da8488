package io.stagesync.admin;

import java.util.Objects;

/**
 * What an API call answers: an HTTP status and a body to render as JSON.
 *
 * @param status the HTTP status
 * @param body   a JSON-serializable value (maps, lists, records, strings, numbers, instants)
 */
public record AdminReply(int status, Object body) {
    public AdminReply {
        Objects.requireNonNull(body, "body");
    }

    public static AdminReply ok(Object body) {
        return new AdminReply(200, body);
    }
}
