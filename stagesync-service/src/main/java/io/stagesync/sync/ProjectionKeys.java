package io.stagesync.sync;

/**
 * The entries of a projection (what a record looks like in one target object, see {@link WritePlanner}) that are
 * not canonical fields: the stage value and the ids of the record in linked systems. They start with {@code ~},
 * which no canonical field name may (see {@link io.stagesync.model.CanonicalRecord}), so they never clash.
 */
final class ProjectionKeys {
    /** The projection's stage value. */
    static final String STAGE = "~stage";
    private static final String LINK = "~link.";

    private ProjectionKeys() {
    }

    /** The entry holding the record's id in {@code system}. */
    static String link(String system) {
        return LINK + system;
    }

    /** Whether {@code key} is a link entry (see {@link #link}). */
    static boolean isLink(String key) {
        return key.startsWith(LINK);
    }

    /** The system a link entry names. */
    static String linkedSystem(String key) {
        return key.substring(LINK.length());
    }

    /** Whether {@code key} is not a canonical field (its text is kept as is, not normalised as a field's). */
    static boolean isNotAField(String key) {
        return key.startsWith("~");
    }
}
