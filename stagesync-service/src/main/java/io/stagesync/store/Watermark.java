package io.stagesync.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * How far the changes of one (system, object type) have been applied: every change up to and including
 * the position (modstamp, lastId) is safe.
 *
 * <p>Positions are ordered by {@link #POSITION_ORDER}: modstamp first, ties broken by lastId compared
 * with {@link String#compareTo} (UTF-16 code units, independent of any database collation).
 *
 * @param system     the system, e.g. {@code salesforce}
 * @param objectType the system's object type, e.g. {@code Lead}
 * @param modstamp   the modification timestamp of the last applied change (stored at micros)
 * @param lastId     the id of the last applied change at that modstamp; empty if the system has none
 */
public record Watermark(String system, String objectType, Instant modstamp, String lastId) {

    /** Orders watermarks by position only (modstamp, then lastId), ignoring system and object type. */
    public static final Comparator<Watermark> POSITION_ORDER =
            Comparator.comparing(Watermark::modstamp).thenComparing(Watermark::lastId);

    public Watermark {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(modstamp, "modstamp");
        Objects.requireNonNull(lastId, "lastId");
    }

    /** True when this position is strictly after the other's (by {@link #POSITION_ORDER}). */
    public boolean isAfter(Watermark other) {
        return POSITION_ORDER.compare(this, other) > 0;
    }
}
