package io.stagesync.connector;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One change a {@link ChangeStream} delivers: which records of an object changed and how, not their values (the
 * sink reads the records as they are now, the same way a poll does).
 *
 * @param object      the system's object, e.g. {@code Account}
 * @param kind        what happened
 * @param ids         the records' ids; empty only for {@link Kind#RESYNC}
 * @param position    the stream's position after this change (opaque), to store once it is applied
 * @param committedAt when the system committed the change, in the system's clock; null when the event did not say
 * @param description the change as the system described it, for logs and dead letters (e.g. {@code UPDATE})
 */
public record StreamedChange(String object, Kind kind, List<String> ids, String position, Instant committedAt,
                             String description) {
    public StreamedChange {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(kind, "kind");
        ids = List.copyOf(ids);
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(description, "description");
        if (ids.isEmpty() != (kind == Kind.RESYNC)) {
            throw new IllegalArgumentException(kind + " change with " + ids.size() + " ids");
        }
    }

    /** What happened to the records. */
    public enum Kind {
        /** Created or updated (or a gap event for them): read the records as they are now. */
        CHANGED,
        /** Restored from the system's recycle bin: no longer deleted; read the records as they are now. */
        UNDELETED,
        /**
         * Deleted, or merged into another record (the reader tells which: {@code ChangeReader#mergedInto}); nothing
         * is deleted elsewhere.
         */
        DELETED,
        /** Too many changes to tell which records (an overflow): read the object's changes since its watermark. */
        RESYNC
    }
}
