package io.stagesync.sync;

/**
 * Names of the bookkeeping entries the engine keeps among a canonical record's fields (they
 * start with {@code ~}, so they never clash with a canonical field and conditions cannot read them).
 */
final class RecordMeta {
    /** Key of the projection's stage entry in hashes and written-state maps. */
    static final String STAGE = "~stage";

    private RecordMeta() {
    }

    /** When the value of {@code field} last changed at its source (ISO instant), for "newest wins". */
    static String fieldTime(String field) {
        return "~ts." + field;
    }

    /** The stage value last seen in (or written to) a system object, so only a change of it proposes a move. */
    static String seenStage(String system, String object) {
        return "~seen." + system + "." + object;
    }

    /**
     * The modstamp (ISO instant) of the newest change of this record applied from a system object, so a
     * replayed dead letter older than it is recognised as superseded instead of undoing the newer change.
     */
    static String appliedFrom(String system, String object) {
        return "~applied." + system + "." + object;
    }

    /** The JSON of the projection last written to a system object, so a write carries only what differs. */
    static String written(String system, String object) {
        return "~written." + system + "." + object;
    }

    /**
     * The JSON of the projection of a write about to be sent to a system object and not yet remembered as written
     * (the write's intent, stored before the call): a value read there that equals it is that write landing, not a
     * user's edit, even when the process died before it could remember the write (see {@link WriteIntent}).
     */
    static String sending(String system, String object) {
        return "~sending." + system + "." + object;
    }

    static boolean isMeta(String key) {
        return key.startsWith("~");
    }
}
